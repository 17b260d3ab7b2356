import type { AuditFigures } from './audit.js';

/** Anything measured besides the audit: peak RSS, parts, inserts, timings. */
export type ExtraFigures = Record<string, number | string>;

/**
 * One line per scenario on stdout, prefixed so the figures can be picked out of a test run's
 * output (`npm run test:reliability | grep '^reliability '`).
 */
export function printFigures(scenario: string, figures: AuditFigures, extra: ExtraFigures = {}): void {
  const { statuses, ...counts } = figures;
  const line = {
    scenario,
    ...counts,
    statuses: Object.entries(statuses)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${status}:${n}`)
      .join(' '),
    ...extra,
  };
  console.log(`reliability ${JSON.stringify(line)}`);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
