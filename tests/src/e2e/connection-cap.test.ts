import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawConnection, until, type RawConnection } from '../support/raw-connection.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const MAX_CONNECTIONS = 16;
const HEADERS_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 4000;
/** Node checks timeouts on an interval; this is how late past the limit a cut-off may come. */
const SLACK_MS = 1500;

const isClosed = (connection: RawConnection) => connection.socket.destroyed || connection.socket.closed;

describe('connections: idle sockets cannot take the collector down', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({
      RAGTRACE_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
      RAGTRACE_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      RAGTRACE_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
  });
  after(() => collector.stop());

  it('closes a connection that never sends a byte after the headers timeout, with 408', async () => {
    const silent = await rawConnection(collector.url);
    const closedAfterMs = await silent.closed;
    assert.ok(closedAfterMs >= HEADERS_TIMEOUT_MS, `closed too early, after ${closedAfterMs} ms`);
    assert.ok(closedAfterMs < HEADERS_TIMEOUT_MS + SLACK_MS, `closed only after ${closedAfterMs} ms`);
    assert.match(silent.received(), /^HTTP\/1\.1 408/);
  });

  it('serves /healthz and ingest while silent sockets flood past the cap, closing the oldest idle ones', async () => {
    const flood = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS * 4 }, () => rawConnection(collector.url)),
    );
    // Well inside the headers timeout: what is closed now was closed to make room.
    await until(
      () => flood.filter(isClosed).length >= flood.length - MAX_CONNECTIONS,
      HEADERS_TIMEOUT_MS / 2,
    );
    const health = await fetch(`${collector.url}/healthz`);
    assert.equal(health.status, 200);
    const ingest = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceSpans":[]}',
    });
    assert.equal(ingest.status, 200);
    assert.ok(
      flood.filter((connection) => !isClosed(connection)).length <= MAX_CONNECTIONS,
      'never more than the cap open',
    );
    await Promise.all(flood.map((connection) => connection.closed));
  });

  it('answers 503 to a newcomer while every connection has a request in flight, and serves again once they end', async () => {
    const busy: RawConnection[] = [];
    // One after another, each in flight before the next connects (Node answers `Expect:
    // 100-continue` once it has the request): a connection still silent would be idle, and
    // closed to make room for the next.
    for (let i = 0; i < MAX_CONNECTIONS; i++) {
      const connection = await rawConnection(collector.url);
      // A request whose body never comes: in flight until the request timeout.
      connection.socket.write(
        'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
      );
      await until(() => connection.received().includes('100 Continue'), 2000);
      busy.push(connection);
    }
    const newcomer = await rawConnection(collector.url);
    newcomer.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await newcomer.closed;
    assert.match(newcomer.received(), /^HTTP\/1\.1 503 Service Unavailable\r\n/);
    assert.match(newcomer.received(), /Retry-After: 1\r\n/);
    assert.ok(
      busy.every((connection) => !isClosed(connection)),
      'no request in flight was cut off',
    );

    for (const connection of busy) connection.socket.destroy();
    await Promise.all(busy.map((connection) => connection.closed));
    const health = await fetch(`${collector.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
