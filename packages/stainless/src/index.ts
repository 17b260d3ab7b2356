/** For instrumentations of Stainless-generated SDKs: the app keeps the SDK's own promise and stream objects. */
export { observeApiPromise } from './observe-api-promise.js';
export { followStainlessStream } from './follow-stream.js';
export type { ChunkObserver } from './follow-stream.js';
