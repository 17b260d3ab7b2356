import { nanosText } from './nanos-text.js';

/** The last instant DateTime64(9) can hold (2262-04-11): signed 64-bit nanoseconds. */
const LATEST_STORABLE = nanosText(2n ** 63n - 1n);

/**
 * Why a timestamp (as {@link nanosText} writes it) cannot be stored, or undefined when it can.
 * ClickHouse refuses the whole insert over one such value, so the record must be rejected
 * before it can take a batch of other clients' data down with it.
 */
export function unstorableTimeProblem(name: string, text: string): string | undefined {
  // Both sides are zero-padded digit strings: longer means larger, equal length compares as text.
  if (
    text.length < LATEST_STORABLE.length ||
    (text.length === LATEST_STORABLE.length && text <= LATEST_STORABLE)
  ) {
    return undefined;
  }
  return `${name} ${text} is beyond the latest storable time (${LATEST_STORABLE} ns, year 2262)`;
}
