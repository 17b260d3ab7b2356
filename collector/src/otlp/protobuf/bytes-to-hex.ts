const HEX_BY_BYTE: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

/** Lower-case hex of `bytes[start..end)`, as trace and span ids are written in `otel_traces`. */
export function bytesToHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let hex = '';
  for (let i = start; i < end; i++) hex += HEX_BY_BYTE[bytes[i]!];
  return hex;
}
