/** OTLP enum value names as the proto defines them, indexed by wire value (OTLP/JSON may send them). */
export const SPAN_KIND_PROTO_NAMES: readonly string[] = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];

export const STATUS_CODE_PROTO_NAMES: readonly string[] = [
  'STATUS_CODE_UNSET',
  'STATUS_CODE_OK',
  'STATUS_CODE_ERROR',
];

/** `SEVERITY_NUMBER_UNSPECIFIED`, then TRACE, TRACE2…TRACE4, DEBUG…DEBUG4, … FATAL4 (1–24). */
export const SEVERITY_NUMBER_PROTO_NAMES: readonly string[] = [
  'SEVERITY_NUMBER_UNSPECIFIED',
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((level) =>
    ['', '2', '3', '4'].map((step) => `SEVERITY_NUMBER_${level}${step}`),
  ),
];

/**
 * The strings the OTel Collector ClickHouse exporter stores (pdata's `Kind().String()` and
 * `Code().String()`), indexed by wire value; Grafana's trace view reads these.
 */
export const SPAN_KIND_STORED_NAMES: readonly string[] = [
  'Unspecified',
  'Internal',
  'Server',
  'Client',
  'Producer',
  'Consumer',
];

export const STATUS_CODE_STORED_NAMES: readonly string[] = ['Unset', 'Ok', 'Error'];

/**
 * The stored name of an enum value, or '' for a value this version does not know: protobuf
 * enums are open, so newer senders may use values added later.
 */
export function storedEnumName(names: readonly string[], value: number): string {
  return names[value] ?? '';
}

const UINT8_MAX = 255;

/**
 * The `SeverityNumber` (UInt8) column's value. Defined severities are 0–24; a newer sender's
 * value that does not fit the column is stored as 0 (unspecified) rather than failing the insert.
 */
export function storedSeverityNumber(value: number): number {
  return Number.isInteger(value) && value >= 0 && value <= UINT8_MAX ? value : 0;
}

/** W3C trace flags are the low byte of a log record's `flags` (LOG_RECORD_FLAGS_TRACE_FLAGS_MASK). */
export function traceFlagsOf(flags: number): number {
  return flags & 0xff;
}
