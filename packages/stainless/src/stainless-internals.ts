/**
 * The runtime parts of Stainless-generated SDKs (openai 4.x–7.x, @anthropic-ai/sdk 0.x–1.x) the
 * instrumentations rely on. They are public fields at runtime in every major; typed here
 * structurally so no package depends on either SDK's own declarations.
 */

/** What `_thenUnwrap` applies to the parsed value: (value, the response's props) → the derived value. */
export type UnwrapTransform = (this: unknown, value: unknown, ...props: unknown[]) => unknown;

/**
 * `APIPromise`: a Promise subclass that parses the body only when `then`/`parse`/`withResponse`
 * is called, through `parseResponse`; `asResponse()` hands out the raw Response unread.
 * `_thenUnwrap(transform)` derives a second APIPromise on the same response (the SDKs' helpers
 * use it): through this one's `parseResponse` in openai 4.x–6.x and @anthropic-ai/sdk, through a
 * parse of its own in openai 7.x, which sets `_thenUnwrap` (and `withResponse`) on each instance.
 */
export interface ApiPromiseInternals {
  readonly responsePromise: Promise<unknown>;
  parseResponse: (...args: unknown[]) => unknown;
  parse: () => Promise<unknown>;
  asResponse: () => Promise<unknown>;
  _thenUnwrap?: (transform: UnwrapTransform) => unknown;
}

/** `Stream`: iteration, `tee()` and `toReadableStream()` all go through `iterator`. */
export interface StreamInternals {
  iterator: () => AsyncIterator<unknown>;
}
