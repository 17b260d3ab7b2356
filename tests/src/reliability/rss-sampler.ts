import { readFileSync } from 'node:fs';

export interface RssSampler {
  /** Stops sampling and gives the highest resident set size seen, in bytes. */
  stop(): number;
}

/**
 * Samples a process's resident set size from /proc (Linux) every `intervalMs`: the memory the
 * process really holds, whatever its heap statistics say.
 */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak = readRssBytes(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, readRssBytes(pid) ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, readRssBytes(pid) ?? 0);
    },
  };
}

/** The process's resident set size now, or undefined once it has exited. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined; // the process has exited
  }
}
