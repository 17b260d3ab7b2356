import { truncateValue } from './truncate-value.js';

/**
 * Sets one entry of an attribute map, truncating a value longer than `maxValueLength`: every
 * decoder (traces and logs, protobuf and JSON) stores attributes through here. Maps are plain
 * objects, where assigning `__proto__` would change the prototype instead of adding the key a
 * sender may well have used.
 */
export function setAttribute(
  attributes: Record<string, string>,
  key: string,
  value: string,
  maxValueLength: number,
): void {
  const stored = truncateValue(value, maxValueLength);
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, {
      value: stored,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    attributes[key] = stored;
  }
}
