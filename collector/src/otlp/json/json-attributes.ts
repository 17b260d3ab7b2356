import {
  attributeValueToString,
  MAX_VALUE_NESTING,
  type AttributeValue,
  type KeyValueList,
} from '../values/attribute-value.js';
import {
  arrayField,
  asObject,
  base64Value,
  boolValue,
  doubleValue,
  fieldPath,
  fieldValue,
  int64Value,
  jsonError,
  stringField,
  stringValue,
  type JsonObject,
} from './json-fields.js';
import type { DecodeLimits } from '../values/decode-limits.js';
import { setAttribute } from '../values/set-attribute.js';

/** Reads the `attributes` list of the object at `path` into an attribute map of `otel_traces`. */
export function readAttributes(
  object: JsonObject,
  path: string,
  attributes: Record<string, string>,
  limits: DecodeLimits,
): void {
  const list = arrayField(object, 'attributes', 'attributes', path);
  const listPath = fieldPath(path, 'attributes');
  for (let i = 0; i < list.length; i++) {
    const [key, value] = readKeyValue(list[i], `${listPath}[${i}]`, 0);
    setAttribute(attributes, key, attributeValueToString(value), limits.maxAttributeValueLength);
  }
}

/** Reads an `AnyValue` (a log record's body) as the string the exporter stores. */
export function readValueString(json: unknown, path: string): string {
  return attributeValueToString(readAnyValue(json, path, 0));
}

type ValueReader = (json: unknown, path: string, depth: number) => AttributeValue;

// The members of the AnyValue oneof; the first one present is the value.
const ANY_VALUE_MEMBERS: readonly (readonly [name: string, protoName: string, read: ValueReader])[] = [
  ['stringValue', 'string_value', stringValue],
  ['boolValue', 'bool_value', boolValue],
  ['intValue', 'int_value', int64Value],
  ['doubleValue', 'double_value', doubleValue],
  ['bytesValue', 'bytes_value', base64Value],
  ['arrayValue', 'array_value', readArrayValue],
  ['kvlistValue', 'kvlist_value', readKeyValueList],
];

function readKeyValue(json: unknown, path: string, depth: number): [string, AttributeValue] {
  const keyValue = asObject(json, path);
  const key = stringField(keyValue, 'key', 'key', path);
  const value = fieldValue(keyValue, 'value', 'value');
  return [key, value === undefined ? null : readAnyValue(value, fieldPath(path, 'value'), depth)];
}

function readAnyValue(json: unknown, path: string, depth: number): AttributeValue {
  const anyValue = asObject(json, path);
  for (const [name, protoName, read] of ANY_VALUE_MEMBERS) {
    const value = fieldValue(anyValue, name, protoName);
    if (value !== undefined) return read(value, fieldPath(path, name), depth);
  }
  return null;
}

function readArrayValue(json: unknown, path: string, depth: number): AttributeValue[] {
  const values = arrayField(asObject(json, path), 'values', 'values', path);
  const valuesPath = fieldPath(path, 'values');
  const nestedDepth = nested(path, depth);
  return values.map((value, i) => readAnyValue(value, `${valuesPath}[${i}]`, nestedDepth));
}

function readKeyValueList(json: unknown, path: string, depth: number): KeyValueList {
  const values = arrayField(asObject(json, path), 'values', 'values', path);
  const valuesPath = fieldPath(path, 'values');
  const nestedDepth = nested(path, depth);
  return new Map(values.map((keyValue, i) => readKeyValue(keyValue, `${valuesPath}[${i}]`, nestedDepth)));
}

function nested(path: string, depth: number): number {
  if (depth === MAX_VALUE_NESTING)
    throw jsonError(path, `values nested more than ${MAX_VALUE_NESTING} levels deep`);
  return depth + 1;
}
