import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it, mock } from 'node:test';
import type { ExitingProcess } from './flush-on-exit.js';
import { flushOnExit } from './flush-on-exit.js';

/** A flush that resolves when the test says so, counting its calls. */
function controlledFlush(): { flush: () => Promise<void>; calls: number; finish(): void } {
  let finish = (): void => {};
  const control = {
    calls: 0,
    flush: () => {
      control.calls += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    },
    finish: () => finish(),
  };
  return control;
}

/** A process stand-in whose kill() is recorded; real signals are the register end-to-end test's. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const kill = mock.fn((_pid: number, _signal?: string | number) => true);
  const target = Object.assign(emitter, { pid: 4242, kill }) as unknown as ExitingProcess;
  return { emitter, kill, target };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('flushOnExit', () => {
  it('flushes once when the event loop empties, however often beforeExit comes', async () => {
    const { emitter, kill, target } = fakeProcess();
    const control = controlledFlush();
    flushOnExit(control.flush, { target });
    emitter.emit('beforeExit', 0);
    control.finish();
    await settle();
    emitter.emit('beforeExit', 0);
    await settle();
    assert.equal(control.calls, 1);
    assert.equal(kill.mock.callCount(), 0);
  });

  it('re-raises SIGTERM after the flush when the app has no handler of its own', async () => {
    const { emitter, kill, target } = fakeProcess();
    const control = controlledFlush();
    flushOnExit(control.flush, { target });
    emitter.emit('SIGTERM', 'SIGTERM');
    await settle();
    assert.equal(kill.mock.callCount(), 0, 'not before the flush has finished');
    control.finish();
    await settle();
    assert.equal(control.calls, 1);
    assert.deepEqual(kill.mock.calls[0]?.arguments, [4242, 'SIGTERM']);
    assert.equal(emitter.listenerCount('SIGTERM'), 0, 'so the re-raised signal takes its default course');
  });

  it('leaves SIGINT to the app when the app handles it', async () => {
    const { emitter, kill, target } = fakeProcess();
    const appHandler = mock.fn();
    emitter.on('SIGINT', appHandler);
    const control = controlledFlush();
    flushOnExit(control.flush, { target });
    emitter.emit('SIGINT', 'SIGINT');
    control.finish();
    await settle();
    assert.equal(control.calls, 1);
    assert.equal(appHandler.mock.callCount(), 1);
    assert.equal(kill.mock.callCount(), 0);
  });

  it('shares one flush between a signal and beforeExit', async () => {
    const { emitter, target } = fakeProcess();
    const control = controlledFlush();
    flushOnExit(control.flush, { target });
    emitter.on('SIGINT', () => {});
    emitter.emit('SIGINT', 'SIGINT');
    emitter.emit('beforeExit', 0);
    control.finish();
    await settle();
    assert.equal(control.calls, 1);
  });

  it('stops waiting for a flush that hangs', async () => {
    const { emitter, kill, target } = fakeProcess();
    flushOnExit(() => new Promise<void>(() => {}), { target, timeoutMs: 20 });
    emitter.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(kill.mock.callCount(), 1);
  });
});
