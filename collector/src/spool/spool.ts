import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import { createSegmentFile, writeFully, type OpenSegmentFile, type SegmentFile } from './segment-file.js';
import { SpoolFullError, SpoolWriteError } from './spool-errors.js';
import { decodeSpoolSegment } from './decode-spool-segment.js';
import { ensureOwnerOnlyDir, narrowToOwner, OWNER_ONLY_FILE_MODE } from './owner-only.js';
import { reportSegmentDamage } from './report-segment-damage.js';
import { encodeSpoolFrame, prepareSpoolFrame, type PreparedFrame } from './spool-frame.js';
import type { SpoolRecord } from './spool-record.js';
import { syncDirectory } from './sync-directory.js';

export interface SpoolOptions {
  /**
   * Directory of the segment files (`<RAGTRACE_DATA_DIR>/spool`); created when missing. It and
   * the segments are made readable by the collector's user only (owner-only.ts).
   */
  dir: string;
  /** Bytes the segments may take on disk together; an append beyond them fails with SpoolFullError. */
  maxBytes: number;
  /** A segment takes no more appends once it holds this many bytes. */
  segmentBytes?: number;
  logger: Pick<Logger, 'warn' | 'error'>;
  now?: () => number;
  /** Creates each new segment file (tests make its writes short or fail). */
  openSegmentFile?: OpenSegmentFile;
}

/** One append-only file of records; appends only ever go to the newest. */
export interface SpoolSegment {
  readonly path: string;
  /** Bytes on disk. */
  bytes: number;
  /** Records written to it and not yet replayed. */
  records: number;
  /** When its first record was spooled, once it has one. */
  firstRecordAtMs: number | undefined;
}

interface OpenSegment extends SpoolSegment {
  handle: SegmentFile | undefined;
  /** Rows written to it: the place of the next record appended. */
  rows: number;
  /** Its damage was logged already (when the spool was opened). */
  damageReported: boolean;
}

interface PendingAppend {
  frame: PreparedFrame;
  spooledAtMs: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Large enough that a busy spool is a few files, small enough that replaying one (read whole
 * into memory) and deleting it once stored happen in modest steps.
 */
const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;
const SEGMENT_NAME = /^(\d{12})\.seg$/;

/**
 * The local spool: append-only segment files of framed records (spool-frame.ts). An append
 * resolves only once its record is on disk (fdatasync), so a request acknowledged after an
 * append survives a crash. Appends arriving while one is being synced are written and synced
 * together (group commit), so a burst pays for one sync, not one per request.
 *
 * Replay takes segments oldest first: `takeOldest` seals the newest segment if it must (later
 * appends open a new one), and `deleteSegment` removes a segment once all its records are stored (or quarantined).
 */
export class Spool {
  readonly #options: Required<SpoolOptions>;
  readonly #segments: OpenSegment[];
  #nextSequence: number;
  #active: OpenSegment | undefined;
  #pending: PendingAppend[] = [];
  #pendingBytes = 0;
  /** Appends accepted and not yet settled (queued or being written). */
  #unsettled = 0;
  #writing: Promise<void> | undefined;
  #currentWrite: Promise<void> = Promise.resolve();
  #closed = false;
  #waitingForRecords: Array<() => void> = [];

  private constructor(options: SpoolOptions, segments: OpenSegment[], nextSequence: number) {
    this.#options = {
      ...options,
      now: options.now ?? Date.now,
      openSegmentFile: options.openSegmentFile ?? createSegmentFile,
      segmentBytes: options.segmentBytes ?? Math.min(DEFAULT_SEGMENT_BYTES, Math.ceil(options.maxBytes / 4)),
    };
    this.#segments = segments;
    this.#nextSequence = nextSequence;
  }

  /**
   * Opens the spool in `dir`, picking up the segments a previous process left (they are
   * replayed before anything newer). Damaged records are logged and left out; a segment of a
   * later format (written by a newer release) is logged and left in place, unread.
   */
  static async open(options: SpoolOptions): Promise<Spool> {
    const { dir, logger } = options;
    if (await ensureOwnerOnlyDir(dir)) {
      logger.warn("the spool directory was open to other users; narrowed to the collector's user (0700)", {
        dir,
      });
    }
    const names = (await readdir(dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
    const segments: OpenSegment[] = [];
    let narrowed = 0;
    for (const name of names) {
      const path = join(dir, name);
      if (await narrowToOwner(path, OWNER_ONLY_FILE_MODE)) narrowed++;
      const bytes = await readFile(path);
      const decoded = decodeSpoolSegment(bytes);
      if (decoded.laterFormat) {
        logger.error(
          'spool segment holds records of a later format than this release reads; it is left in place, not replayed',
          { segment: path },
        );
        continue;
      }
      reportSegmentDamage(logger, path, decoded.damage);
      if (decoded.records.length === 0) {
        await unlink(path);
        continue;
      }
      segments.push({
        path,
        bytes: bytes.length,
        records: decoded.records.length,
        rows: decoded.records.reduce((sum, record) => sum + record.rows.length, 0),
        firstRecordAtMs: decoded.records[0]!.spooledAtMs,
        handle: undefined,
        damageReported: true,
      });
    }
    if (narrowed > 0) {
      logger.warn("spool segments were readable by other users; narrowed to the collector's user (0600)", {
        dir,
        segments: narrowed,
      });
    }
    const last = names.at(-1);
    const nextSequence = last === undefined ? 1 : Number(SEGMENT_NAME.exec(last)![1]) + 1;
    return new Spool(options, segments, nextSequence);
  }

  /** Bytes the segments take on disk. */
  get bytes(): number {
    return this.#segments.reduce((sum, segment) => sum + segment.bytes, 0);
  }

  /** Records spooled and not yet replayed. */
  get records(): number {
    return this.#segments.reduce((sum, segment) => sum + segment.records, 0);
  }

  /** When the oldest record not yet replayed was spooled; undefined when there is none. */
  get oldestRecordAtMs(): number | undefined {
    return this.#segments.find((segment) => segment.records > 0)?.firstRecordAtMs;
  }

  /** True when nothing waits in the spool and no append is under way. */
  get isEmpty(): boolean {
    return this.#unsettled === 0 && this.#segments.every((segment) => segment.records === 0);
  }

  /** Writes one record and resolves once it is on disk. `requestId`: of the request that wrote it. */
  append(table: string, rows: readonly object[], requestId?: string): Promise<void> {
    if (this.#closed) return Promise.reject(new SpoolWriteError('the spool is closed'));
    const spooledAtMs = this.#options.now();
    const frame = prepareSpoolFrame({ table, rows, spooledAtMs, requestId });
    const used = this.bytes + this.#pendingBytes;
    if (used + frame.bytes > this.#options.maxBytes) {
      return Promise.reject(
        new SpoolFullError(
          `storage cannot take the request now and the spool is full (${used} of ${this.#options.maxBytes} bytes); retry later`,
        ),
      );
    }
    this.#unsettled++;
    this.#pendingBytes += frame.bytes;
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ frame, spooledAtMs, resolve, reject });
      this.#writing ??= this.#writeLoop();
    });
  }

  /** Resolves once the spool holds a record (at once if it already does). */
  whenNotEmpty(): Promise<void> {
    if (this.records > 0) return Promise.resolve();
    return new Promise((resolve) => this.#waitingForRecords.push(resolve));
  }

  /**
   * The oldest segment, sealed: no append will touch it again, so it can be read whole.
   * Undefined when there is no segment.
   */
  async takeOldest(): Promise<SpoolSegment | undefined> {
    const oldest = this.#segments[0];
    if (oldest === undefined) return undefined;
    if (oldest === this.#active) {
      this.#active = undefined;
      // The write under way may be into this segment; later ones open a new segment.
      await this.#currentWrite;
    }
    await closeHandle(oldest);
    return oldest;
  }

  /** The records of a sealed segment, in the order they were appended. */
  async readSegment(segment: SpoolSegment): Promise<SpoolRecord[]> {
    const decoded = decodeSpoolSegment(await readFile(segment.path));
    const open = segment as OpenSegment;
    if (!open.damageReported) reportSegmentDamage(this.#options.logger, segment.path, decoded.damage);
    open.damageReported = true;
    return decoded.records;
  }

  /** Removes a sealed segment whose records are all stored. */
  async deleteSegment(segment: SpoolSegment): Promise<void> {
    await unlink(segment.path);
    const index = this.#segments.indexOf(segment as OpenSegment);
    if (index >= 0) this.#segments.splice(index, 1);
  }

  /** Finishes the appends under way and closes the open segment; its records stay for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#writing;
    for (const segment of this.#segments) await closeHandle(segment);
  }

  async #writeLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending;
        this.#pending = [];
        this.#currentWrite = this.#writeBatch(batch);
        await this.#currentWrite;
      }
    } finally {
      // In the same step as the last look at #pending: an append arriving a moment later must
      // start a loop of its own, not join this finished one.
      this.#writing = undefined;
    }
  }

  async #writeBatch(batch: PendingAppend[]): Promise<void> {
    const bytes = batch.reduce((sum, append) => sum + append.frame.bytes, 0);
    let segment: OpenSegment | undefined;
    let syncing = false;
    try {
      segment = await this.#activeSegment();
      await writeFully(segment.handle!, encodeAt(segment, batch), segment.bytes);
      syncing = true;
      await segment.handle!.datasync();
    } catch (error) {
      this.#settle(batch, bytes);
      if (segment) await this.#takeBack(segment, { seal: syncing });
      const failure = new SpoolWriteError(`could not write to the spool: ${(error as Error).message}`, {
        cause: error,
      });
      for (const append of batch) append.reject(failure);
      return;
    }
    segment.bytes += bytes;
    segment.records += batch.length;
    segment.rows += batch.reduce((sum, append) => sum + append.frame.rows, 0);
    segment.firstRecordAtMs ??= batch[0]!.spooledAtMs;
    this.#settle(batch, bytes);
    for (const append of batch) append.resolve();
    for (const wake of this.#waitingForRecords.splice(0)) wake();
  }

  /**
   * Cuts what a failed write left off the end of `segment`, so that no part of a record that
   * was never acknowledged stays on disk, nor comes before the records appended next. The
   * segment is sealed instead (later appends open a new one, and the replay's checksums leave
   * out its torn tail) when the cut fails, or with `seal` after a failed sync: the kernel may
   * have dropped the unsynced pages, and a second sync could then succeed without them.
   */
  async #takeBack(segment: OpenSegment, { seal }: { seal: boolean }): Promise<void> {
    const cut =
      segment.handle !== undefined &&
      (await segment.handle.truncate(segment.bytes).then(
        () => true,
        () => false,
      ));
    if (cut && !seal) return;
    if (segment === this.#active) this.#active = undefined;
    await closeHandle(segment).catch(() => undefined);
  }

  #settle(batch: PendingAppend[], bytes: number): void {
    this.#pendingBytes -= bytes;
    this.#unsettled -= batch.length;
  }

  async #activeSegment(): Promise<OpenSegment> {
    if (this.#active && this.#active.bytes < this.#options.segmentBytes) return this.#active;
    if (this.#active) {
      await closeHandle(this.#active);
      this.#active = undefined;
    }
    const name = `${String(this.#nextSequence++).padStart(12, '0')}.seg`;
    const path = join(this.#options.dir, name);
    const handle = await this.#options.openSegmentFile(path);
    try {
      await syncDirectory(this.#options.dir);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw error;
    }
    const segment: OpenSegment = {
      path,
      bytes: 0,
      records: 0,
      rows: 0,
      firstRecordAtMs: undefined,
      handle,
      damageReported: false,
    };
    this.#segments.push(segment);
    this.#active = segment;
    return segment;
  }
}

async function closeHandle(segment: OpenSegment | SpoolSegment): Promise<void> {
  const open = segment as OpenSegment;
  const handle = open.handle;
  open.handle = undefined;
  await handle?.close();
}

/** The frames of `batch`, placed after the records `segment` holds. */
function encodeAt(segment: OpenSegment, batch: readonly PendingAppend[]): Buffer {
  let place = { index: segment.records, rowsBefore: segment.rows };
  return Buffer.concat(
    batch.map(({ frame }) => {
      const bytes = encodeSpoolFrame(frame, place);
      place = { index: place.index + 1, rowsBefore: place.rowsBefore + frame.rows };
      return bytes;
    }),
  );
}
