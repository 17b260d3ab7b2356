// A protobuf encoder small enough to check by eye, for hand-made OTLP bodies: values the
// OTel JS SDK never produces (ints past 2^53, bytes, kvlists, odd field orders, unknown
// fields) and broken ones. It shares no code with the decoder under test.

export type ProtobufField =
  | { field: number; varint: bigint | number }
  | { field: number; fixed64: bigint }
  | { field: number; fixed32: number }
  | { field: number; double: number }
  | { field: number; bytes: Uint8Array | string }
  | { field: number; message: ProtobufField[] };

export function encodeMessage(fields: ProtobufField[]): Uint8Array {
  const out: number[] = [];
  for (const field of fields) appendField(out, field);
  return Uint8Array.from(out);
}

function appendField(out: number[], field: ProtobufField): void {
  if ('varint' in field) {
    appendVarint(out, BigInt(field.field) << 3n);
    appendVarint(out, BigInt.asUintN(64, BigInt(field.varint)));
  } else if ('fixed64' in field) {
    appendVarint(out, (BigInt(field.field) << 3n) | 1n);
    appendLittleEndian(out, BigInt.asUintN(64, field.fixed64), 8);
  } else if ('double' in field) {
    appendVarint(out, (BigInt(field.field) << 3n) | 1n);
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, field.double, true);
    out.push(...bytes);
  } else if ('fixed32' in field) {
    appendVarint(out, (BigInt(field.field) << 3n) | 5n);
    appendLittleEndian(out, BigInt(field.fixed32 >>> 0), 4);
  } else {
    const payload =
      'message' in field
        ? encodeMessage(field.message)
        : typeof field.bytes === 'string'
          ? new TextEncoder().encode(field.bytes)
          : field.bytes;
    appendVarint(out, (BigInt(field.field) << 3n) | 2n);
    appendVarint(out, BigInt(payload.length));
    // Not push(...payload): a payload of megabytes would be more arguments than a call takes.
    for (const byte of payload) out.push(byte);
  }
}

function appendVarint(out: number[], value: bigint): void {
  let rest = value;
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
}

function appendLittleEndian(out: number[], value: bigint, byteCount: number): void {
  for (let i = 0; i < byteCount; i++) out.push(Number((value >> BigInt(8 * i)) & 0xffn));
}

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
