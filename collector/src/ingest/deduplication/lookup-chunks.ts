/**
 * One look-up's share of a batch: its rows, and the distinct values of each parameter they need.
 */
export interface LookupChunk<Row, Param extends string> {
  rows: Row[];
  values: Record<Param, Set<string>>;
  /** URL-encoded bytes the values take as parameters. */
  paramBytes: number;
}

export interface LookupLimits {
  /** Rows per look-up at most: chDB receives the parameters as SET statements (256 KiB of query). */
  maxRows: number;
  /** URL-encoded bytes of parameters one look-up may carry against a server. */
  maxParamBytes: number;
}

/**
 * Limits of the look-ups that find stored rows before an insert. A thousand rows stay far below
 * chDB's 256 KiB of query. Against a server the parameters travel in the URL: ClickHouse itself
 * takes 1 MiB, but what sits in front of it often far less (nginx 8 KiB per request line by
 * default, a Node.js server 16 KiB of headers), and a refused look-up fails its insert the same
 * way on every retry — the spool would never drain.
 */
export const STORED_ROW_LOOKUP_LIMITS: LookupLimits = { maxRows: 1000, maxParamBytes: 6 * 1024 };

/**
 * Splits rows (in the order given) into look-ups of at most `maxRows` rows whose distinct
 * parameter values take at most `maxParamBytes` in the URL; a row whose values alone exceed the
 * budget still gets a look-up of its own. `valuesOf` names each array parameter's value for a row.
 */
export function* lookupChunks<Row, Param extends string>(
  rows: readonly Row[],
  valuesOf: (row: Row) => Record<Param, string>,
  limits: LookupLimits,
): Generator<LookupChunk<Row, Param>> {
  let chunk: LookupChunk<Row, Param> | undefined;
  for (const row of rows) {
    const values = valuesOf(row);
    chunk ??= newChunk(values);
    let added = addedBytes(chunk, values);
    if (
      chunk.rows.length > 0 &&
      (chunk.rows.length >= limits.maxRows || chunk.paramBytes + added > limits.maxParamBytes)
    ) {
      yield chunk;
      chunk = newChunk(values);
      added = addedBytes(chunk, values);
    }
    chunk.paramBytes += added;
    chunk.rows.push(row);
    for (const [param, value] of Object.entries(values) as Array<[Param, string]>)
      chunk.values[param].add(value);
  }
  if (chunk && chunk.rows.length > 0) yield chunk;
}

function newChunk<Row, Param extends string>(like: Record<Param, string>): LookupChunk<Row, Param> {
  const values = Object.fromEntries(Object.keys(like).map((param) => [param, new Set<string>()]));
  return { rows: [], values: values as Record<Param, Set<string>>, paramBytes: 0 };
}

/** What the row's values the chunk does not hold yet would add to its parameters. */
function addedBytes<Param extends string>(
  chunk: LookupChunk<unknown, Param>,
  values: Record<Param, string>,
): number {
  let added = 0;
  for (const [param, value] of Object.entries(values) as Array<[Param, string]>) {
    if (!chunk.values[param].has(value)) added += valueBytes(value);
  }
  return added;
}

/** `'`, `'` and `,` as %27%27%2C. */
const ESCAPED_QUOTES_AND_COMMA = 9;

/**
 * Bytes one string adds to an Array(String) parameter in the URL: the value with quotes and
 * backslashes escaped, between quotes, followed by a comma — all URL-encoded. A number sent
 * unquoted takes less, so counting it as a string errs on the safe side.
 */
function valueBytes(value: string): number {
  return encodeURIComponent(value.replace(/[\\']/g, '\\$&')).length + ESCAPED_QUOTES_AND_COMMA;
}
