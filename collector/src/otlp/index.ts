export { decodeTracesProtobuf } from './decode-traces-protobuf.js';
export { decodeTracesJson } from './decode-traces-json.js';
export { encodeTracesResponse, encodeStatus } from './encode-response.js';
export type { PartialSuccess } from './encode-response.js';
export { OtlpDecodeError } from './otlp-decode-error.js';
export type { DecodedTraces } from './types.js';
