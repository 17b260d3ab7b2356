/**
 * The arguments of a macro call whose opening parenthesis is at `openIndex`: split on commas at
 * the call's own nesting level, so `f(a, b)` inside an argument stays whole. Returns the
 * arguments untrimmed and the index just past the closing parenthesis, or undefined when the
 * parentheses never close.
 */
export function macroArguments(sql: string, openIndex: number): { args: string[]; end: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let argumentStart = openIndex + 1;
  for (let index = openIndex; index < sql.length; index++) {
    const char = sql[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    if (char === ',' && depth === 1) {
      args.push(sql.slice(argumentStart, index));
      argumentStart = index + 1;
    }
    if (depth === 0) {
      args.push(sql.slice(argumentStart, index));
      return { args, end: index + 1 };
    }
  }
  return undefined;
}
