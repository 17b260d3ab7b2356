/** How the runs commands print numbers and times; '-' stands for "no value". */

const NONE = '-';

export function formatCount(value: number | null): string {
  return value === null ? NONE : String(Math.round(value));
}

/** Milliseconds to a tenth, enough to tell stages apart without false precision. */
export function formatMs(value: number | null): string {
  return value === null ? NONE : value.toFixed(1);
}

/** Dollars to a millionth: a single small call costs fractions of a cent. */
export function formatUsd(value: number | null): string {
  return value === null ? NONE : value.toFixed(6);
}

export function formatRate(value: number | null): string {
  return value === null ? NONE : `${(value * 100).toFixed(1)}%`;
}

export function formatScore(value: number | null): string {
  return value === null ? NONE : value.toFixed(3);
}

/** A mean score, or for an evaluator that only labels, its label counts (`answered 7, declined 1`). */
export function formatScoreOrLabels(mean: number | null, labels: Record<string, number>): string {
  if (mean !== null) return formatScore(mean);
  const counts = Object.entries(labels).sort(([, x], [, y]) => y - x);
  return counts.length === 0 ? NONE : counts.map(([label, n]) => `${label} ${n}`).join(', ');
}

/** A delta with its sign, in the format of the metric it is the delta of. */
export function formatDelta(value: number | null, format: (value: number | null) => string): string {
  if (value === null) return NONE;
  const text = format(Math.abs(value));
  if (Number(text.replace('%', '')) === 0) return format(0);
  return `${value < 0 ? '-' : '+'}${text}`;
}

/** ISO-8601 to `YYYY-MM-DD HH:MM:SS` UTC, as a column of times reads. */
export function formatTime(iso: string | null): string {
  return iso === null ? NONE : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function orNone(text: string): string {
  return text === '' ? NONE : text;
}
