/**
 * The runtime parts of Stainless-generated SDKs (openai 4.x–7.x, @anthropic-ai/sdk 0.x–1.x) the
 * instrumentations rely on. They are public fields at runtime in every major; typed here
 * structurally so no package depends on either SDK's own declarations.
 */

/**
 * `APIPromise`: a Promise subclass that parses the body only when `then`/`parse`/`withResponse`
 * is called, through `parseResponse`; `asResponse()` hands out the raw Response unread.
 */
export interface ApiPromiseInternals {
  readonly responsePromise: Promise<unknown>;
  parseResponse: (...args: unknown[]) => unknown;
  parse: () => Promise<unknown>;
  asResponse: () => Promise<unknown>;
}

/** `Stream`: iteration, `tee()` and `toReadableStream()` all go through `iterator`. */
export interface StreamInternals {
  iterator: () => AsyncIterator<unknown>;
}
