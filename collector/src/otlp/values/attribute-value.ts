import { bytesToBase64 } from './bytes-to-base64.js';
import { compositeValueToJson } from './composite-value-to-json.js';
import { formatDouble } from './format-double.js';

/**
 * An OTLP `AnyValue` in plain JavaScript, what both decoders produce before the value is
 * flattened to the string `otel_traces` stores. `null` is a value with nothing set; int64
 * values are `bigint` because numbers lose precision past 2^53; a kvlist is a `Map` where a
 * repeated key keeps its last value, as in pdata.
 */
export type AttributeValue =
  string | boolean | bigint | number | Uint8Array | null | AttributeValue[] | KeyValueList;

export type KeyValueList = Map<string, AttributeValue>;

/** Arrays and kvlists nested deeper than this are refused rather than recursed into. */
export const MAX_VALUE_NESTING = 64;

/**
 * The string the OTel Collector ClickHouse exporter stores for a value (pdata `AsString`):
 * scalars as text, bytes as standard base64, arrays and kvlists as JSON, nothing as ''.
 */
export function attributeValueToString(value: AttributeValue): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatDouble(value);
    case 'bigint':
      return value.toString();
  }
  if (value === null) return '';
  if (value instanceof Uint8Array) return bytesToBase64(value);
  // Go's encoder refuses NaN and infinities inside JSON, and the exporter then stores ''.
  return compositeValueToJson(value) ?? '';
}
