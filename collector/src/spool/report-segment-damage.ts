import type { Logger } from '../logging/logger.js';
import type { SegmentDamage } from './decode-spool-segment.js';

/**
 * One line per damaged stretch of a segment, with what it cost where that is known: records,
 * rows and, for records whose header survived, their request id and table. Damage followed by
 * intact records destroyed acknowledged data: an error. Damage at the end is most often the
 * write a crash cut short, which was never acknowledged: a warning.
 */
export function reportSegmentDamage(
  logger: Pick<Logger, 'warn' | 'error'>,
  segment: string,
  damage: readonly SegmentDamage[],
): void {
  for (const stretch of damage) {
    const fields = {
      segment,
      offset: stretch.offset,
      bytes: stretch.bytes,
      ...(stretch.records === undefined ? {} : { records: stretch.records }),
      ...(stretch.rows === undefined ? {} : { rows: stretch.rows }),
      ...(stretch.known.length === 0 ? {} : { lostRecords: stretch.known }),
    };
    if (stretch.atEnd) {
      logger.warn(
        'spool segment ends in bytes that hold no intact record (a write a crash cut short, never acknowledged, or damage); they are not replayed',
        fields,
      );
    } else {
      logger.error('damaged records in a spool segment are skipped; their rows are lost', fields);
    }
  }
}
