import { StorageUnavailableError, type Storage } from '@ragtrace/collector';

/**
 * What storage does, until told otherwise: `none` works; `fail` rejects every call at once as
 * unavailable; `hang` never answers, and when the fault changes its held calls fail as
 * unavailable without having run (like a connection dropped before the query reached the engine).
 */
export type StorageFault = 'none' | 'fail' | 'hang';

export interface FaultyStorage extends Storage {
  setFault(fault: StorageFault): void;
}

/**
 * Wraps storage (embedded chDB in tests) so it fails on demand, for `startCollector`'s
 * `wrapStorage`: the embedded counterpart of the ClickHouse stand-in's `setFault`.
 */
export function withStorageFaults(storage: Storage): FaultyStorage {
  let fault: StorageFault = 'none';
  const held = new Set<() => void>();
  const guard = <T>(call: () => Promise<T>): Promise<T> => {
    if (fault === 'fail')
      return Promise.reject(new StorageUnavailableError('storage failed (injected fault)'));
    if (fault === 'hang') {
      return new Promise<T>((_, reject) => {
        held.add(() => reject(new StorageUnavailableError('storage hung up (injected fault)')));
      });
    }
    return call();
  };
  return {
    kind: storage.kind,
    database: storage.database,
    command: (sql) => guard(() => storage.command(sql)),
    queryRows: (query, params, settings, signal) =>
      guard(() => storage.queryRows(query, params, settings, signal)),
    insertRows: (table, rows) => guard(() => storage.insertRows(table, rows)),
    rawQuery: (params) => guard(() => storage.rawQuery(params)),
    ping: () => guard(() => storage.ping()),
    close: () => storage.close(),
    setFault(next) {
      fault = next;
      if (next === 'hang') return;
      for (const release of held) release();
      held.clear();
    },
  };
}
