import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import { ReplayFailureLog } from './replay-failure-log.js';

type Line = { level: string; msg: string; fields: Record<string, unknown> };

function recordingLog() {
  const lines: Line[] = [];
  let nowMs = 0;
  const log = new ReplayFailureLog({
    logger: {
      info: (msg, fields = {}) => lines.push({ level: 'info', msg, fields }),
      warn: (msg, fields = {}) => lines.push({ level: 'warn', msg, fields }),
    },
    repeatIntervalMs: 30_000,
    now: () => nowMs,
  });
  return { log, lines, advance: (ms: number) => (nowMs += ms) };
}

/** What the storage layer throws when the server answers an HTTP error with an empty body. */
const emptyHttpError = () =>
  new StorageUnavailableError('ClickHouse is unavailable: ', { cause: new Error('') });

describe('ReplayFailureLog', () => {
  it('reports each distinct failure when it first appears, with its cause chain', () => {
    const { log, lines, advance } = recordingLog();
    log.failed(new StorageUnavailableError('ClickHouse is unavailable: 503 injected fault'));
    advance(500);
    log.failed(new StorageUnavailableError('ClickHouse is unavailable: 503 injected fault'));
    advance(500);
    log.failed(emptyHttpError());
    assert.deepEqual(
      lines.map((line) => line.fields['error']),
      [
        'StorageUnavailableError: ClickHouse is unavailable: 503 injected fault',
        'StorageUnavailableError: ClickHouse is unavailable:  ← caused by Error: (no message)',
      ],
    );
    assert.ok(lines.every((line) => line.level === 'warn'));
  });

  it('repeats a persisting failure once per interval, saying how often it recurred', () => {
    const { log, lines, advance } = recordingLog();
    for (let retry = 0; retry < 120; retry++) {
      log.failed(emptyHttpError());
      advance(500);
    }
    assert.deepEqual(
      lines.map((line) => [line.fields['repeatedSinceLastReport'], line.fields['failingForSeconds']]),
      [
        [undefined, 0],
        [59, 30],
      ],
    );
  });

  it('says once that storage is back, and reports the next outage afresh', () => {
    const { log, lines, advance } = recordingLog();
    log.recovered();
    assert.equal(lines.length, 0, 'nothing to say without a failure');
    log.failed(emptyHttpError());
    advance(2_000);
    log.failed(emptyHttpError());
    log.recovered();
    log.recovered();
    log.failed(emptyHttpError());
    assert.deepEqual(
      lines.map((line) => [
        line.level,
        line.msg,
        line.fields['failedReplays'] ?? line.fields['failingForSeconds'],
      ]),
      [
        ['warn', 'storage failed a spool replay; retrying', 0],
        ['info', 'storage is back; spool replay resumed', 2],
        ['warn', 'storage failed a spool replay; retrying', 0],
      ],
    );
  });
});
