const MAX_INTERNED_BYTES = 64;
const SLOT_BITS = 12;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * UTF-8 decoding that hands out the same string again for short ASCII byte runs it has seen
 * before. Attribute keys, span names and common values repeat across spans and requests;
 * finding the earlier string costs less than creating a new one, and a key that is always
 * the same string object stays cheap to insert into the attribute maps. Invalid UTF-8
 * becomes U+FFFD, as in pdata.
 */
export class InterningUtf8Decoder {
  private readonly utf8 = new TextDecoder('utf-8');
  // Direct-mapped by hash: a colliding string simply replaces the previous one.
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(1 << SLOT_BITS).fill(
    undefined,
  );

  decode(bytes: Uint8Array, start: number, end: number): string {
    const length = end - start;
    if (length === 0) return '';
    if (length > MAX_INTERNED_BYTES) return this.utf8.decode(bytes.subarray(start, end));
    const slot = slotOf(bytes, start, end);
    const known = this.strings[slot];
    if (known !== undefined && known.length === length && sameAscii(known, bytes, start)) return known;
    const text = this.utf8.decode(bytes.subarray(start, end));
    // sameAscii matches UTF-16 units against bytes one to one, so a string with fewer units
    // than bytes could never be found again (and one with U+FFFD never matches either).
    if (text.length === length) this.strings[slot] = text;
    return text;
  }
}

/**
 * Hashes the length and a sample of the bytes: the comparison that follows checks them all,
 * and strings alike in most places (ids, versions) are rarely the ones that repeat.
 */
function slotOf(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  let hash = Math.imul(FNV_OFFSET_BASIS ^ length, FNV_PRIME);
  const step = (length >>> 3) + 1;
  for (let i = start; i < end; i += step) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  hash = Math.imul(hash ^ bytes[end - 1]!, FNV_PRIME);
  return hash >>> (32 - SLOT_BITS);
}

function sameAscii(text: string, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== bytes[start + i]) return false;
  }
  return true;
}
