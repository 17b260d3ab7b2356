// `Code: 62. DB::Exception: <message>. (SYNTAX_ERROR) (version 26.7.2.1)`: the name is the
// last parenthesised word of the text, which is how ClickHouse always ends an exception.
const ENGINE_TEXT =
  /^Code: \d+\. DB::Exception: ([\s\S]*?)\.? \(([A-Z][A-Z0-9_]+)\)(?: \(version [^)]*\))?\s*$/;

/**
 * The message and exception name of the engine's full exception text, read from its end:
 * the message may itself quote parenthesised capitals from the query (`failed at position 11
 * (SELECT)`), which a reader stopping at the first of them would take for the name.
 */
export function parseEngineExceptionText(text: string): { message: string; type: string } | undefined {
  const match = ENGINE_TEXT.exec(text);
  if (match === null) return undefined;
  // An exception rethrown across the engine's threads wraps the original's text in its own.
  return parseEngineExceptionText(match[1]!) ?? { message: match[1]!, type: match[2]! };
}
