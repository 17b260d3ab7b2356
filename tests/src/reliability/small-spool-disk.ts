import type { OpenSegmentFile } from '@ragtrace/collector';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { smallDisk } from '../../../collector/src/spool/test-support/small-disk.js';

const run = promisify(execFile);

export interface SmallSpoolDisk {
  /** `tmpfs`: a real small file system is mounted on the spool directory; `injected`: the spool's files are. */
  kind: 'tmpfs' | 'injected';
  /** For startCollector's `spoolSegmentFiles` (undefined on a real file system). */
  segmentFiles: OpenSegmentFile | undefined;
  release(): Promise<void>;
}

/**
 * Puts the spool directory on a disk of `bytes`: a tmpfs of that size where this process may
 * mount one (root), else segment files that behave as on a disk that small (short writes, then
 * ENOSPC; spool/test-support/small-disk.ts). `RAGTRACE_RELIABILITY_SMALL_DISK=injected` asks
 * for the latter anyway.
 */
export async function smallSpoolDisk(spoolDir: string, bytes: number): Promise<SmallSpoolDisk> {
  await mkdir(spoolDir, { recursive: true, mode: 0o700 });
  if (process.env['RAGTRACE_RELIABILITY_SMALL_DISK'] !== 'injected') {
    try {
      await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', spoolDir]);
      return {
        kind: 'tmpfs',
        segmentFiles: undefined,
        release: async () => void (await run('umount', [spoolDir])),
      };
    } catch (error) {
      console.log(
        `reliability: no tmpfs for the spool (${(error as Error).message.trim()}); injecting a small disk`,
      );
    }
  }
  return {
    kind: 'injected',
    segmentFiles: smallDisk({ dir: spoolDir, capacity: bytes }).open,
    release: async () => {},
  };
}
