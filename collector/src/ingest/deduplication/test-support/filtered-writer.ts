import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseStorage } from '../../../storage/clickhouse-storage.js';
import { runMigrations } from '../../../schema/run-migrations.js';
import { openStorage } from '../../../storage/open-storage.js';
import { BatchWriter } from '../../batch-writer.js';

/** A migrated chDB in a temporary dir and a batch writer into one of its tables through a stored-row filter. */
export interface FilteredWriter {
  readonly storage: ClickHouseStorage;
  readonly writer: BatchWriter;
  close(): Promise<void>;
}

type StoredRowFilterFactory = (
  storage: ClickHouseStorage,
  onDuplicates: (count: number) => void,
) => (rows: readonly object[]) => Promise<readonly object[]>;

/** For the stored-row filters' tests: `onDuplicates` hears what the filter left out of each insert. */
export async function openFilteredWriter(
  table: string,
  createFilter: StoredRowFilterFactory,
  onDuplicates: (count: number) => void,
): Promise<FilteredWriter> {
  const dir = await mkdtemp(join(tmpdir(), `ragtrace-${table}-filter-test-`));
  const storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'otel' });
  await runMigrations(storage, {});
  const writer = new BatchWriter({
    storage,
    table,
    maxRows: 100_000,
    maxDelayMs: 5,
    maxQueuedRows: 100_000,
    dropStored: createFilter(storage, onDuplicates),
  });
  return {
    storage,
    writer,
    async close() {
      await writer.close();
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
