import { NotFoundError } from '../errors/request-errors.js';
import type { Storage } from '../storage/storage.js';
import { tableNames } from '../storage/table-names.js';
import type { RunEnd } from './parse-run-request.js';
import type { RunRecord, RunStatus } from './run-record.js';
import { decodeRunListCursor, encodeRunListCursor } from './run-list-cursor.js';

interface StoredRunRow {
  RunId: string;
  ExperimentName: string;
  RunName: string;
  Params: Record<string, string>;
  Tags: Record<string, string>;
  DatasetName: string;
  DatasetVersion: string;
  GitCommit: string;
  ServiceName: string;
  StartMs: number | string;
  EndMs: number | string | null;
  Status: string;
  UpdatedMs: number | string;
}

interface StoredRun {
  record: RunRecord;
  updatedMs: number;
}

export interface RunListQuery {
  experiment?: string;
  limit: number;
  cursor?: string;
}

export interface RunListPage {
  runs: RunRecord[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

const SELECT_COLUMNS = `RunId, ExperimentName, RunName, Params, Tags, DatasetName, DatasetVersion, GitCommit,
    ServiceName, toUnixTimestamp64Milli(StartTime) AS StartMs, toUnixTimestamp64Milli(EndTime) AS EndMs,
    Status, toUnixTimestamp64Milli(UpdatedAt) AS UpdatedMs`;

/**
 * Run records in `genai_runs`. Runs are few and each write must be readable at once (an end
 * reads the start), so they are inserted directly rather than through the span BatchWriter.
 */
export class RunStore {
  readonly #storage: Storage;
  readonly #table: string;

  constructor(storage: Storage) {
    this.#storage = storage;
    this.#table = tableNames(storage).genaiRuns;
  }

  /** Idempotent by id: a run already recorded is returned unchanged, so a client may resend. */
  async start(record: RunRecord): Promise<{ run: RunRecord; created: boolean }> {
    const existing = await this.#find(record.id);
    if (existing) return { run: existing.record, created: false };
    await this.#write(record, Date.now());
    return { run: record, created: true };
  }

  /** The first end wins: ending an ended run again returns it unchanged. */
  async end(id: string, end: RunEnd): Promise<RunRecord> {
    const existing = await this.#find(id);
    if (!existing) throw new NotFoundError(`no run with id ${id}`);
    if (existing.record.status !== 'running') return existing.record;
    const ended: RunRecord = { ...existing.record, status: end.status, endTime: end.endTime };
    // The replacing engine keeps the row with the greatest UpdatedAt: never tie with the start.
    await this.#write(ended, Math.max(Date.now(), existing.updatedMs + 1));
    return ended;
  }

  async get(id: string): Promise<RunRecord | undefined> {
    return (await this.#find(id))?.record;
  }

  /** Newest first by start time, one page at a time. */
  async list(query: RunListQuery): Promise<RunListPage> {
    const position = query.cursor === undefined ? undefined : decodeRunListCursor(query.cursor);
    const conditions = [
      ...(query.experiment === undefined ? [] : ['ExperimentName = {experiment:String}']),
      ...(position === undefined ? [] : ['(StartMs, RunId) < ({cursorMs:Int64}, {cursorId:String})']),
    ];
    const rows = await this.#storage.queryRows<StoredRunRow>(
      `SELECT ${SELECT_COLUMNS} FROM ${this.#table} FINAL
       ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
       ORDER BY StartMs DESC, RunId DESC
       LIMIT {limit:UInt32}`,
      {
        ...(query.experiment === undefined ? {} : { experiment: query.experiment }),
        ...(position === undefined ? {} : { cursorMs: position.startMs, cursorId: position.id }),
        // One more than asked for tells whether another page exists.
        limit: query.limit + 1,
      },
    );
    const runs = rows.slice(0, query.limit).map((row) => fromRow(row).record);
    const last = runs.at(-1);
    return {
      runs,
      nextCursor:
        rows.length > query.limit && last
          ? encodeRunListCursor({ startMs: Date.parse(last.startTime), id: last.id })
          : null,
    };
  }

  async #find(id: string): Promise<StoredRun | undefined> {
    const rows = await this.#storage.queryRows<StoredRunRow>(
      `SELECT ${SELECT_COLUMNS} FROM ${this.#table} FINAL WHERE RunId = {id:String}`,
      { id },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async #write(record: RunRecord, updatedMs: number): Promise<void> {
    await this.#storage.insertRows('genai_runs', [
      {
        RunId: record.id,
        ExperimentName: record.experiment,
        RunName: record.name,
        Params: record.params,
        Tags: record.tags,
        DatasetName: record.dataset?.name ?? '',
        DatasetVersion: record.dataset?.version ?? '',
        GitCommit: record.gitCommit,
        ServiceName: record.serviceName,
        StartTime: Date.parse(record.startTime),
        EndTime: record.endTime === null ? null : Date.parse(record.endTime),
        Status: record.status,
        UpdatedAt: updatedMs,
      },
    ]);
  }
}

function fromRow(row: StoredRunRow): StoredRun {
  return {
    record: {
      id: row.RunId,
      experiment: row.ExperimentName,
      name: row.RunName,
      params: row.Params,
      tags: row.Tags,
      dataset: row.DatasetName === '' ? null : { name: row.DatasetName, version: row.DatasetVersion },
      gitCommit: row.GitCommit,
      serviceName: row.ServiceName,
      startTime: new Date(Number(row.StartMs)).toISOString(),
      endTime: row.EndMs === null ? null : new Date(Number(row.EndMs)).toISOString(),
      status: row.Status as RunStatus,
    },
    // 64-bit integers arrive as strings from a server and as numbers from chDB.
    updatedMs: Number(row.UpdatedMs),
  };
}
