/** Sets environment variables for the duration of `work` (undefined unsets), then restores them. */
export async function withEnvironment<T>(
  variables: Record<string, string | undefined>,
  work: () => T | Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(variables);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}
