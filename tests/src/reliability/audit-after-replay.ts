import { auditRun, type AuditFigures, type AuditOptions } from './audit.js';
import { spoolDrained } from './storage-figures.js';

/** How long the collector's spool may take to be replayed before the audit reads storage anyway. */
const REPLAY_TIMEOUT_MS = 30_000;

/**
 * Audits once the collector has replayed its spool: an acknowledged request may sit there (it
 * was acknowledged on the strength of it), and is only lost if it never reaches storage.
 * `drained` says whether the spool emptied in time; the figures are taken either way.
 */
export async function auditAfterReplay(
  collectorUrl: string,
  options: AuditOptions,
): Promise<{ figures: AuditFigures; drained: boolean }> {
  const drained = await spoolDrained(collectorUrl, REPLAY_TIMEOUT_MS);
  return { figures: await auditRun(options), drained };
}
