/** Standard base64 with padding, as Go's `base64.StdEncoding` writes bytes values. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
