/** Where CLI commands find the key for a collector that requires one (see `ragtrace keys create`). */
export const API_KEY_VARIABLE = 'RAGTRACE_API_KEY';

/** The header that carries RAGTRACE_API_KEY to the collector; none when the variable is unset or empty. */
export function apiKeyHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  const key = env[API_KEY_VARIABLE];
  return key === undefined || key === '' ? {} : { 'x-api-key': key };
}
