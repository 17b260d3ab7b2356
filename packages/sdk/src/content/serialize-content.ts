/** Free-form content (tool arguments, agent input, …): text as is, anything else as JSON. */
export function serializeContent(value: unknown): string | undefined {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
