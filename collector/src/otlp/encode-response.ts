import protobuf from 'protobufjs/minimal.js';

type OtlpEncoding = 'protobuf' | 'json';

/** What OTLP's `partial_success` reports: spans refused, and why. */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** What a logs export's `partial_success` reports: log records refused, and why. */
export interface LogsPartialSuccess {
  rejectedLogRecords: number;
  errorMessage: string;
}

/** The body of a successful OTLP/HTTP trace export response (`ExportTraceServiceResponse`). */
export function encodeTracesResponse(format: 'protobuf', partial: PartialSuccess): Uint8Array;
export function encodeTracesResponse(format: 'json', partial: PartialSuccess): string;
export function encodeTracesResponse(format: OtlpEncoding, partial: PartialSuccess): Uint8Array | string;
export function encodeTracesResponse(format: OtlpEncoding, partial: PartialSuccess): Uint8Array | string {
  return encodeExportResponse(format, 'rejectedSpans', partial.rejectedSpans, partial.errorMessage);
}

/** The body of a successful OTLP/HTTP logs export response (`ExportLogsServiceResponse`). */
export function encodeLogsResponse(format: OtlpEncoding, partial: LogsPartialSuccess): Uint8Array | string {
  return encodeExportResponse(format, 'rejectedLogRecords', partial.rejectedLogRecords, partial.errorMessage);
}

/**
 * An export response: the signals' responses differ only in the JSON name of the rejected count
 * (field 1 of `partial_success` in every one of them). `partial_success` is present only when
 * items were rejected or there is a message for the client: the specification reads its
 * presence as "something was not fully accepted".
 */
function encodeExportResponse(
  format: OtlpEncoding,
  rejectedJsonName: string,
  rejected: number,
  errorMessage: string,
): Uint8Array | string {
  const reportsPartialSuccess = rejected > 0 || errorMessage !== '';
  if (format === 'json') {
    if (!reportsPartialSuccess) return '{}';
    // proto3 JSON writes int64 as a decimal string; fields at their default are left out.
    return JSON.stringify({
      partialSuccess: {
        ...(rejected > 0 ? { [rejectedJsonName]: String(rejected) } : {}),
        ...(errorMessage !== '' ? { errorMessage } : {}),
      },
    });
  }
  const writer = protobuf.Writer.create();
  if (reportsPartialSuccess) {
    writer.uint32(10).fork(); // 1 partial_success
    if (rejected > 0) writer.uint32(8).int64(rejected); // 1 rejected_spans / rejected_log_records
    if (errorMessage !== '') writer.uint32(18).string(errorMessage); // 2 error_message
    writer.ldelim();
  }
  return writer.finish();
}

/**
 * The body of an OTLP/HTTP error response: a `google.rpc.Status` with a gRPC status code and
 * a message, in the encoding of the request.
 */
export function encodeStatus(format: 'protobuf', code: number, message: string): Uint8Array;
export function encodeStatus(format: 'json', code: number, message: string): string;
export function encodeStatus(format: OtlpEncoding, code: number, message: string): Uint8Array | string;
export function encodeStatus(format: OtlpEncoding, code: number, message: string): Uint8Array | string {
  if (format === 'json') return JSON.stringify({ code, message });
  const writer = protobuf.Writer.create();
  if (code !== 0) writer.uint32(8).int32(code); // 1 code
  if (message !== '') writer.uint32(18).string(message); // 2 message
  return writer.finish();
}
