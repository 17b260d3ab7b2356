import { describeJsonValue } from '../../errors/describe-json-value.js';
import { OtlpDecodeError } from '../values/otlp-decode-error.js';

// Typed reads of OTLP/JSON fields. Each takes the path of the object it reads from and
// builds the field's own path only for an error message.

export type JsonObject = { readonly [key: string]: unknown };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const UINT32_MAX = 2n ** 32n - 1n;
const DECIMAL_INTEGER = /^-?\d+$/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const HEX = /^[0-9a-fA-F]*$/;
// proto3 JSON parsers accept standard and URL-safe base64, padded or not.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function jsonError(path: string, problem: string): OtlpDecodeError {
  return new OtlpDecodeError(`invalid OTLP/JSON: ${path === '' ? '' : `${path}: `}${problem}`);
}

export function fieldPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/**
 * A field by its lowerCamelCase name, or by its original proto name as proto3 JSON parsers
 * also accept. null stands for the default value, like an absent field.
 */
export function fieldValue(object: JsonObject, name: string, protoName: string): unknown {
  return object[name] ?? object[protoName] ?? undefined;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw jsonError(path, `expected an object, got ${describeJsonValue(value)}`);
  }
  return value as JsonObject;
}

export function objectField(object: JsonObject, name: string, protoName: string, path: string): JsonObject {
  const value = fieldValue(object, name, protoName);
  return value === undefined ? {} : asObject(value, fieldPath(path, name));
}

export function arrayField(
  object: JsonObject,
  name: string,
  protoName: string,
  path: string,
): readonly unknown[] {
  const value = fieldValue(object, name, protoName);
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw jsonError(fieldPath(path, name), `expected an array, got ${describeJsonValue(value)}`);
  return value;
}

export function stringField(object: JsonObject, name: string, protoName: string, path: string): string {
  const value = fieldValue(object, name, protoName);
  return value === undefined ? '' : stringValue(value, fieldPath(path, name));
}

export function stringValue(value: unknown, path: string): string {
  if (typeof value !== 'string') throw jsonError(path, `expected a string, got ${describeJsonValue(value)}`);
  return value;
}

/** An unsigned 64-bit integer field (nanosecond timestamps), as a decimal string or a number. */
export function uint64Field(object: JsonObject, name: string, protoName: string, path: string): bigint {
  const value = fieldValue(object, name, protoName);
  return value === undefined ? 0n : integerValue(value, 0n, UINT64_MAX, path, name);
}

/** An unsigned 32-bit integer field (a log record's `flags`), as a number or a decimal string. */
export function uint32Field(object: JsonObject, name: string, protoName: string, path: string): number {
  const value = fieldValue(object, name, protoName);
  return value === undefined ? 0 : Number(integerValue(value, 0n, UINT32_MAX, path, name));
}

/** A signed 64-bit integer, as a decimal string or a number. */
export function int64Value(value: unknown, path: string): bigint {
  return integerValue(value, INT64_MIN, INT64_MAX, path);
}

/** A double, as a number or a string (the only way JSON can carry NaN and infinities). */
export function doubleValue(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (JSON_NUMBER.test(value)) return Number(value);
  }
  throw jsonError(path, `expected a number, got ${describeJsonValue(value)}`);
}

export function boolValue(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean')
    throw jsonError(path, `expected true or false, got ${describeJsonValue(value)}`);
  return value;
}

/** An enum field as its integer value or, as proto3 JSON parsers accept, its name. */
export function enumField(
  object: JsonObject,
  name: string,
  protoName: string,
  names: readonly string[],
  path: string,
): number {
  const value = fieldValue(object, name, protoName);
  if (value === undefined) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const index = typeof value === 'string' ? names.indexOf(value) : -1;
  if (index === -1) {
    throw jsonError(
      fieldPath(path, name),
      `expected an integer or one of ${names.join(', ')}, got ${describeJsonValue(value)}`,
    );
  }
  return index;
}

/** A trace or span id: hex in either case (returned in lower case), or empty. */
export function hexIdField(
  object: JsonObject,
  name: string,
  protoName: string,
  bytes: number,
  path: string,
): string {
  const value = fieldValue(object, name, protoName);
  if (value === undefined || value === '') return '';
  if (typeof value !== 'string' || value.length !== bytes * 2 || !HEX.test(value)) {
    throw jsonError(
      fieldPath(path, name),
      `expected ${bytes * 2} hex characters, got ${describeJsonValue(value)}`,
    );
  }
  return value.toLowerCase();
}

export function base64Value(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw jsonError(path, `expected base64, got ${describeJsonValue(value)}`);
  }
  return Buffer.from(value, 'base64');
}

/** `name` is given when `value` is that field of the object at `path`. */
function integerValue(value: unknown, min: bigint, max: bigint, path: string, name?: string): bigint {
  let integer: bigint | undefined;
  if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) integer = BigInt(value);
  else if (typeof value === 'number' && Number.isInteger(value)) integer = BigInt(value);
  if (integer === undefined || integer < min || integer > max) {
    const where = name === undefined ? path : fieldPath(path, name);
    throw jsonError(where, `expected an integer from ${min} to ${max}, got ${describeJsonValue(value)}`);
  }
  return integer;
}
