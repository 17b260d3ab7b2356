import { open } from 'node:fs/promises';
import { OWNER_ONLY_FILE_MODE } from './owner-only.js';
import { SpoolWriteError } from './spool-errors.js';

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

export const createSegmentFile: OpenSegmentFile = (path) => open(path, 'wx', OWNER_ONLY_FILE_MODE);

/**
 * Writes all of `data` at `position`. A write may take fewer bytes than it was given (a nearly
 * full disk does that before it fails with ENOSPC); what it left out is written again.
 */
export async function writeFully(file: SegmentFile, data: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await file.write(data, written, data.length - written, position + written);
    // A write that takes nothing and reports no error would otherwise be asked again forever.
    if (bytesWritten <= 0) {
      throw new SpoolWriteError(`the disk took ${written} of ${data.length} bytes, then none`);
    }
    written += bytesWritten;
  }
}
