import { decodeTracesJson, decodeTracesProtobuf, OtlpDecodeError } from '../otlp/index.js';
import type { BatchWriter } from './batch-writer.js';

export interface IngestResult {
  acceptedSpans: number;
  rejectedSpans: number;
  /** Why spans were rejected, for OTLP `partial_success`; '' when none were. */
  rejectionMessage: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one OTLP trace export and stores its spans; resolves once they are stored. */
export class TraceIngestor {
  constructor(private readonly writer: BatchWriter) {}

  async ingest(payload: Uint8Array, format: 'protobuf' | 'json'): Promise<IngestResult> {
    const decoded =
      format === 'protobuf' ? decodeTracesProtobuf(payload) : decodeTracesJson(decodeUtf8(payload));
    await this.writer.write(decoded.rows);
    return {
      acceptedSpans: decoded.rows.length,
      rejectedSpans: decoded.rejectedSpans,
      rejectionMessage: decoded.rejectionMessage,
    };
  }
}

function decodeUtf8(payload: Uint8Array): string {
  try {
    return utf8.decode(payload);
  } catch {
    throw new OtlpDecodeError('invalid OTLP/JSON: the body is not valid UTF-8');
  }
}
