import { UnsupportedMediaTypeError } from '../http-errors.js';

export type OtlpFormat = 'protobuf' | 'json';

export const OTLP_CONTENT_TYPES: Record<OtlpFormat, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** The OTLP payload format named by a Content-Type header (parameters such as charset ignored). */
export function otlpFormatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType === OTLP_CONTENT_TYPES.protobuf) return 'protobuf';
  if (mediaType === OTLP_CONTENT_TYPES.json) return 'json';
  throw new UnsupportedMediaTypeError(
    `Content-Type ${JSON.stringify(contentType ?? '')} is not supported: send application/x-protobuf or application/json`,
  );
}
