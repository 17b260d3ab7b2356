/** Small helpers the instrumentation suites share. */

/** Every chunk of a stream, read to its end (as an app's `for await` would). */
export async function collect<Chunk>(stream: AsyncIterable<Chunk>): Promise<Chunk[]>;
/** For a library call typed loosely in the tests: it must still be an async iterable. */
export async function collect(stream: unknown): Promise<unknown[]>;
export async function collect(stream: unknown): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream as AsyncIterable<unknown>) chunks.push(chunk);
  return chunks;
}

/** The error a call rejects with; fails the test if it resolves instead. */
export async function rejectionOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to reject');
}

/** The one span of `spans`; fails naming those found when there is not exactly one (`what`: e.g. `retrieve span`). */
export function theOnly<Span extends { readonly name: string }>(spans: readonly Span[], what: string): Span {
  if (spans.length !== 1) {
    throw new Error(
      `expected one ${what}, got ${spans.length}: ${spans.map((span) => span.name).join(', ')}`,
    );
  }
  return spans[0]!;
}

/**
 * What an app can tell about an error, to compare the same call with and without an
 * instrumentation: its class, name, message and HTTP status (`status` in Stainless SDKs,
 * `statusCode` in Fern's).
 */
export function errorFacts(error: Error): unknown {
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  return {
    class: error.constructor.name,
    name: error.name,
    message: error.message,
    status: status ?? statusCode,
  };
}
