import { open } from 'node:fs/promises';

/**
 * What the spool needs of a segment file open for appends. A seam of its own so tests can
 * make a disk write short or fail the way a nearly full file system does.
 */
export interface SegmentFile {
  /** Writes `length` bytes of `buffer` from `offset`, at `position` in the file; may write fewer. */
  write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** Creates a new segment file; fails if one of that name exists. */
export type OpenSegmentFile = (path: string) => Promise<SegmentFile>;

export const createSegmentFile: OpenSegmentFile = (path) => open(path, 'wx');
