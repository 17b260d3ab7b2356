/** Words too common to say anything about relevance. */
const STOP_WORDS = new Set([
  ...'a an and are as at be by can do does for from how i if in is it its my of on'.split(' '),
  ...'or the to what when where which with you your'.split(' '),
]);

/** Lower-cased content words of a text: what the embedding and the reranker compare. */
export function contentTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []).filter(
    (term) => !STOP_WORDS.has(term),
  );
}
