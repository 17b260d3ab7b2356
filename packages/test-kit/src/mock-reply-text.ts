/** Deterministic stand-ins for model output, shared by the mock provider servers. */

/** Token counts the mocks report: one token per whitespace-separated word. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** A short stable hex digest (FNV-1a), for response ids derived from the request. */
export function stableId(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const character of JSON.stringify(value) ?? '') {
    hash ^= character.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The reply every mock gives: the prompt echoed back, so tests can predict text and token counts. */
export function echoReply(prompt: string): string {
  return `echo: ${prompt}`;
}

/** Splits a reply into the pieces a stream sends (a word and its following space each). */
export function streamPieces(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
