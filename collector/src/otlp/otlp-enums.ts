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
