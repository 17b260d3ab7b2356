import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSegmentFile, type OpenSegmentFile } from '../segment-file.js';

export interface SmallDiskOptions {
  /** The spool directory: the disk holds the files in it and nothing else. */
  dir: string;
  /** Bytes the disk holds. */
  capacity?: number;
  /** Bytes one write call takes at most. */
  bytesPerWrite?: number;
}

export interface SmallDisk {
  /** Creates segment files on this disk (SpoolOptions.openSegmentFile). */
  open: OpenSegmentFile;
  /** Change it to grow or shrink the disk. */
  capacity: number;
}

/**
 * Segment files on a small disk, for where no small file system can be mounted: a write takes
 * at most `bytesPerWrite` bytes and at most the room `capacity` leaves beside the files in
 * `dir`, and fails with ENOSPC once there is none, as a nearly full file system does. What the
 * spool deletes or truncates frees room, since the room is measured on the real files.
 */
export function smallDisk({
  dir,
  capacity = Infinity,
  bytesPerWrite = Infinity,
}: SmallDiskOptions): SmallDisk {
  const disk: SmallDisk = {
    capacity,
    open: async (path) => {
      const file = await createSegmentFile(path);
      return {
        datasync: () => file.datasync(),
        truncate: (length) => file.truncate(length),
        close: () => file.close(),
        write: async (buffer, offset, length, position) => {
          const room = Math.min(length, bytesPerWrite, disk.capacity - (await bytesOfFilesIn(dir)));
          if (room <= 0) {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
              code: 'ENOSPC',
              syscall: 'write',
            });
          }
          return file.write(buffer, offset, room, position);
        },
      };
    },
  };
  return disk;
}

async function bytesOfFilesIn(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // A file the spool deleted between the listing and its stat takes no room any more.
    if (entry.isFile()) bytes += (await stat(join(dir, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes;
}
