/** End minus start in nanoseconds, as the UInt64 `Duration` column takes it: 0 when end precedes start. */
export function spanDuration(startNanos: bigint, endNanos: bigint): string {
  return endNanos > startNanos ? (endNanos - startNanos).toString() : '0';
}
