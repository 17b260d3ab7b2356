import { readFile } from 'node:fs/promises';

/** utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system, all threads) another process has used so far. Read from
 * /proc, so it includes chDB's native threads, which process.cpuUsage() in that process
 * would also see but which no JS-level timer could.
 */
export async function cpuSecondsOfProcess(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing parenthesis don't.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}
