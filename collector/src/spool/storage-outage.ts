import { BackpressureError, ShuttingDownError } from '../ingest/ingest-errors.js';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import { isTransientEngineError } from '../storage/transient-engine-errors.js';

/**
 * Failures that say storage cannot take writes for now, whatever the rows: unreachable,
 * failing or timing out (StorageUnavailableError, which the batch writer also makes of the
 * engine's "not now" refusals), its queue full, the collector stopping. They say nothing
 * against the record being replayed, so however long they last they never quarantine it.
 */
export function isStorageOutage(error: unknown): boolean {
  return (
    error instanceof StorageUnavailableError ||
    error instanceof BackpressureError ||
    error instanceof ShuttingDownError ||
    isTransientEngineError(error)
  );
}
