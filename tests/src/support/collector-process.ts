import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CLI_ENTRY = fileURLToPath(new URL('../../../collector/src/cli/run.ts', import.meta.url));
/** What the `ragtrace` launcher loads first, before any ES module (it sizes libuv's thread pool). */
const LAUNCHER_PRELOAD = fileURLToPath(
  new URL('../../../collector/bin/threadpool-size.cjs', import.meta.url),
);
const LISTENING = /listening on (http:\/\/\S+)/;

export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs `ragtrace start` in a child process from source, the way `npm start` runs it from the
 * build, and resolves once it listens. Real signals and real restarts need a real process.
 */
export async function startCollectorProcess(env: Record<string, string>): Promise<CollectorProcess> {
  const child = spawn(
    process.execPath,
    ['--require', LAUNCHER_PRELOAD, '--conditions=ragtrace-source', '--import', 'tsx', CLI_ENTRY, 'start'],
    { env: { ...process.env, RAGTRACE_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: string) => {
      stderr += chunk;
      const match = LISTENING.exec(stderr);
      if (match) resolve(match[1]!);
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`collector exited with ${code} before listening:\n${stderr}`)),
    );
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
