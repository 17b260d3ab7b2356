/**
 * A double as pdata's `Value.AsString` renders it: ECMAScript number-to-string (shortest
 * round-trip digits, exponent below 1e-6 and from 1e21 on), `NaN`, `Infinity`, `-Infinity`.
 * Go keeps the sign of negative zero where JavaScript drops it.
 */
export function formatDouble(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}
