const TICKS_DIGITS = 19;

/**
 * Nanoseconds since the epoch as the text a DateTime64(9) column reads as ticks. ClickHouse
 * reads short digit runs as parts of a date instead ('5' becomes the 5th of this month, '0'
 * fails the whole insert), so values are zero-padded to the 19 digits of present-day times.
 */
export function nanosText(nanos: bigint): string {
  return nanos.toString().padStart(TICKS_DIGITS, '0');
}
