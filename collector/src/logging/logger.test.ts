import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, type LoggerOptions } from './logger.js';

const TIME = new Date('2026-01-02T03:04:05.678Z');

function capture(options: Pick<LoggerOptions, 'format' | 'level'>) {
  const lines: string[] = [];
  const logger = createLogger({ ...options, write: (line) => lines.push(line), now: () => TIME });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line: level, time, msg, then the fields', () => {
    const { logger, lines } = capture({ format: 'json', level: 'info' });
    logger.info('request', { method: 'GET', status: 200, msg: 'cannot replace msg' });
    assert.deepEqual(lines, [
      '{"level":"info","time":"2026-01-02T03:04:05.678Z","msg":"request","method":"GET","status":200}\n',
    ]);
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture({ format: 'json', level: 'warn' });
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { msg: string }).msg),
      ['c', 'd'],
    );
  });

  it('writes text lines with key=value fields, quoting values that need it', () => {
    const { logger, lines } = capture({ format: 'text', level: 'debug' });
    logger.debug('listening on http://127.0.0.1:1 (embedded)', { route: '/v1/traces', reason: 'a b', n: 3 });
    assert.deepEqual(lines, [
      '2026-01-02T03:04:05.678Z DEBUG listening on http://127.0.0.1:1 (embedded) route=/v1/traces reason="a b" n=3\n',
    ]);
  });

  it('never throws: not on odd fields, not when writing fails', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const { logger, lines } = capture({ format: 'json', level: 'info' });
    logger.info('odd', { big: 10n, error: new TypeError('boom') });
    logger.info('circular', { circular });
    assert.deepEqual(JSON.parse(lines[0]!), {
      level: 'info',
      time: TIME.toISOString(),
      msg: 'odd',
      big: '10',
      error: { name: 'TypeError', message: 'boom' },
    });
    assert.equal((JSON.parse(lines[1]!) as { logError: string }).logError, 'fields could not be serialized');
    const text = capture({ format: 'text', level: 'info' });
    text.logger.info('circular', { circular });
    assert.match(text.lines[0]!, /circular=\[unserializable\]\n$/);

    const broken = createLogger({
      format: 'json',
      level: 'info',
      write: () => {
        throw new Error('EPIPE');
      },
    });
    assert.doesNotThrow(() => broken.error('lost'));
  });
});
