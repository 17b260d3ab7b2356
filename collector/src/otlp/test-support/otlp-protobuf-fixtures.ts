import { encodeMessage, hexBytes, type ProtobufField } from './protobuf-encoder.js';

// Hand-made OTLP trace messages, by opentelemetry-proto field number. Text is a string, or bytes
// that need not be UTF-8.

type Text = string | Uint8Array;

export const VALID_TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const VALID_SPAN_ID = 'eee19b7ec3c1b174';

export function exportRequest(...resourceSpans: ProtobufField[][]): Uint8Array {
  return encodeMessage(resourceSpans.map((fields) => ({ field: 1, message: fields })));
}

/** ResourceSpans: resource attributes (Resource.attributes = 1) and its scope spans. */
export function resourceSpans(
  attributes: ProtobufField[][],
  ...scopeSpans: ProtobufField[][]
): ProtobufField[] {
  return [
    { field: 1, message: attributes.map((keyValue) => ({ field: 1, message: keyValue })) },
    ...scopeSpans.map((fields) => ({ field: 2, message: fields })),
  ];
}

/** ScopeSpans: InstrumentationScope (name = 1, version = 2) and spans. */
export function scopeSpans(
  scope: { name?: Text; version?: Text },
  ...spans: ProtobufField[][]
): ProtobufField[] {
  const scopeFields: ProtobufField[] = [];
  if (scope.name !== undefined) scopeFields.push({ field: 1, bytes: scope.name });
  if (scope.version !== undefined) scopeFields.push({ field: 2, bytes: scope.version });
  return [{ field: 1, message: scopeFields }, ...spans.map((fields) => ({ field: 2, message: fields }))];
}

/** A span with valid ids and the given name, then any further fields. */
export function span(name: Text, ...fields: ProtobufField[]): ProtobufField[] {
  return [
    { field: 1, bytes: hexBytes(VALID_TRACE_ID) },
    { field: 2, bytes: hexBytes(VALID_SPAN_ID) },
    { field: 5, bytes: name },
    ...fields,
  ];
}

/** A KeyValue as the field `fieldNumber` of its container (Span.attributes is 9). */
export function attribute(fieldNumber: number, key: Text, value: ProtobufField[]): ProtobufField {
  return { field: fieldNumber, message: keyValue(key, value) };
}

export function keyValue(key: Text, value: ProtobufField[]): ProtobufField[] {
  return [
    { field: 1, bytes: key },
    { field: 2, message: value },
  ];
}

// AnyValue members.
export const stringValue = (value: Text): ProtobufField[] => [{ field: 1, bytes: value }];
export const boolValue = (value: boolean): ProtobufField[] => [{ field: 2, varint: value ? 1 : 0 }];
export const intValue = (value: bigint): ProtobufField[] => [{ field: 3, varint: value }];
export const doubleValue = (value: number): ProtobufField[] => [{ field: 4, double: value }];
export const bytesValue = (value: Uint8Array): ProtobufField[] => [{ field: 7, bytes: value }];
export const arrayValue = (...values: ProtobufField[][]): ProtobufField[] => [
  { field: 5, message: values.map((value) => ({ field: 1, message: value })) },
];
export const kvlistValue = (...entries: [Text, ProtobufField[]][]): ProtobufField[] => [
  { field: 6, message: entries.map(([key, value]) => ({ field: 1, message: keyValue(key, value) })) },
];
export const emptyValue = (): ProtobufField[] => [];
