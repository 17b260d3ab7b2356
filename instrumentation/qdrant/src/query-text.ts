/** A `Document` (`{ text, model }`) the server embeds itself: the one query form that carries text. */
function documentText(value: unknown): string | undefined {
  const text = (value as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text : undefined;
}

/** The text of a universal-API query: a `Document`, or a `{ nearest: Document }`. */
export function queryTextOf(query: unknown): string | undefined {
  return documentText(query) ?? documentText((query as { nearest?: unknown } | null | undefined)?.nearest);
}

/** One text as itself; several (a batch, one span for all) as a JSON array; none when no query has text. */
export function joinedQueryText(texts: readonly (string | undefined)[]): string | undefined {
  const present = texts.filter((text): text is string => text !== undefined);
  if (present.length === 0) return undefined;
  return texts.length === 1 ? present[0] : JSON.stringify(texts.map((text) => text ?? null));
}
