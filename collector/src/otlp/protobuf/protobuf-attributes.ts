import {
  attributeValueToString,
  MAX_VALUE_NESTING,
  type AttributeValue,
  type KeyValueList,
} from '../values/attribute-value.js';
import type { ProtobufCursor } from './protobuf-cursor.js';
import { ANY_VALUE, ARRAY_VALUE, KEY_VALUE, KEY_VALUE_LIST } from './protobuf-message-shapes.js';
import { setAttribute } from '../values/set-attribute.js';

/** Reads one `KeyValue` message ending at `end` into an attribute map of `otel_traces`. */
export function readAttribute(cursor: ProtobufCursor, attributes: Record<string, string>, end: number): void {
  const [key, value] = readKeyValue(cursor, end, 0);
  setAttribute(attributes, key, attributeValueToString(value), cursor.limits.maxAttributeValueLength);
}

/** Reads one `AnyValue` message ending at `end` (a log record's body) as the string the exporter stores. */
export function readValueString(cursor: ProtobufCursor, end: number): string {
  return attributeValueToString(readAnyValue(cursor, end, 0));
}

function readKeyValue(cursor: ProtobufCursor, end: number, depth: number): [string, AttributeValue] {
  const reader = cursor.reader;
  let key = '';
  let value: AttributeValue = null;
  while (reader.pos < end) {
    const tag = cursor.readTag();
    switch (tag) {
      case 10: // 1 key
        key = cursor.readString();
        break;
      case 18: // 2 value
        value = readAnyValue(cursor, cursor.readLengthEnd(), depth);
        break;
      default:
        cursor.skipField(tag, KEY_VALUE);
    }
  }
  cursor.expectEnd(end);
  return [key, value];
}

function readAnyValue(cursor: ProtobufCursor, end: number, depth: number): AttributeValue {
  const reader = cursor.reader;
  let value: AttributeValue = null;
  while (reader.pos < end) {
    const tag = cursor.readTag();
    switch (tag) {
      case 10: // 1 string_value
        value = cursor.readString();
        break;
      case 16: // 2 bool_value
        value = reader.bool();
        break;
      case 24: // 3 int_value
        value = cursor.readInt64();
        break;
      case 33: // 4 double_value
        value = reader.double();
        break;
      case 42: // 5 array_value
        value = readArrayValue(cursor, cursor.readLengthEnd(), nested(cursor, depth));
        break;
      case 50: // 6 kvlist_value
        value = readKeyValueList(cursor, cursor.readLengthEnd(), nested(cursor, depth));
        break;
      case 58: // 7 bytes_value
        value = cursor.readBytes();
        break;
      default:
        cursor.skipField(tag, ANY_VALUE);
    }
  }
  cursor.expectEnd(end);
  return value;
}

function readArrayValue(cursor: ProtobufCursor, end: number, depth: number): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (cursor.reader.pos < end) {
    const tag = cursor.readTag();
    if (tag === 10) {
      // 1 values
      values.push(readAnyValue(cursor, cursor.readLengthEnd(), depth));
    } else {
      cursor.skipField(tag, ARRAY_VALUE);
    }
  }
  cursor.expectEnd(end);
  return values;
}

function readKeyValueList(cursor: ProtobufCursor, end: number, depth: number): KeyValueList {
  const list: KeyValueList = new Map();
  while (cursor.reader.pos < end) {
    const tag = cursor.readTag();
    if (tag === 10) {
      // 1 values
      list.set(...readKeyValue(cursor, cursor.readLengthEnd(), depth));
    } else {
      cursor.skipField(tag, KEY_VALUE_LIST);
    }
  }
  cursor.expectEnd(end);
  return list;
}

function nested(cursor: ProtobufCursor, depth: number): number {
  if (depth === MAX_VALUE_NESTING) cursor.fail(`values nested more than ${MAX_VALUE_NESTING} levels deep`);
  return depth + 1;
}
