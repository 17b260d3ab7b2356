/**
 * Sets one entry of an attribute map. Maps are plain objects, where assigning `__proto__`
 * would change the prototype instead of adding the key a sender may well have used.
 */
export function setAttribute(attributes: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    attributes[key] = value;
  }
}
