const EXIT_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** How long a flush may hold up the exit: long enough for a local collector, short of orchestrators' grace periods. */
export const FLUSH_ON_EXIT_TIMEOUT_MS = 5_000;

/** The part of `process` this needs; tests pass a stand-in, as emitting beforeExit would end the test runner. */
export type ExitingProcess = Pick<NodeJS.Process, 'on' | 'removeListener' | 'listenerCount' | 'kill' | 'pid'>;

/**
 * Runs `flush` once when the process is about to end: when its event loop empties (beforeExit), or
 * on SIGTERM/SIGINT. A signal handler of our own would cancel Node's default of dying by that
 * signal, so after flushing we re-raise the signal — unless the app listens for it itself, in
 * which case its handler decides how to shut down, exactly as without us.
 * `process.exit()` ends the process synchronously and cannot be waited for; spans still queued
 * then are lost, as with any OTel SDK.
 */
export function flushOnExit(
  flush: () => Promise<void>,
  {
    target = process,
    timeoutMs = FLUSH_ON_EXIT_TIMEOUT_MS,
  }: { target?: ExitingProcess; timeoutMs?: number } = {},
): void {
  let flushed: Promise<void> | undefined;
  const flushOnce = (): Promise<void> => (flushed ??= withTimeout(flush(), timeoutMs));

  const onBeforeExit = (): void => void flushOnce();
  const onSignal = (signal: NodeJS.Signals): void => {
    target.removeListener(signal, onSignal);
    void flushOnce().then(() => {
      if (target.listenerCount(signal) === 0) target.kill(target.pid, signal);
    });
  };

  target.on('beforeExit', onBeforeExit);
  for (const signal of EXIT_SIGNALS) target.on(signal, onSignal);
}

/** `work`, or nothing after `timeoutMs`; the timer does not keep the process alive by itself. */
function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}
