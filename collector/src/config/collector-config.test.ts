import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadCollectorConfig } from './collector-config.js';
import { ConfigError } from './config-error.js';

describe('loadCollectorConfig', () => {
  it('uses the documented defaults: loopback, port 4318, embedded storage in .ragtrace/data, database otel', () => {
    const config = loadCollectorConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 4318);
    assert.deepEqual(config.storage, {
      kind: 'embedded',
      dataDir: resolve('.ragtrace/data'),
      database: 'otel',
    });
  });

  it('logs JSON at info level unless told otherwise', () => {
    assert.deepEqual(loadCollectorConfig({}).log, { format: 'json', level: 'info' });
    assert.deepEqual(
      loadCollectorConfig({ RAGTRACE_LOG_FORMAT: 'text' }, new Map([['--log-level', 'debug']])).log,
      { format: 'text', level: 'debug' },
    );
  });

  it('switches to server mode when RAGTRACE_CLICKHOUSE_URL is set', () => {
    const config = loadCollectorConfig({
      RAGTRACE_CLICKHOUSE_URL: 'https://u:p@ch.example:8443',
      RAGTRACE_DATABASE: 'traces',
    });
    assert.equal(config.storage.kind, 'server');
    assert.equal(config.storage.kind === 'server' && config.storage.url.host, 'ch.example:8443');
    assert.equal(config.storage.database, 'traces');
  });

  it('renders the schema for a cluster only against a server (RAGTRACE_CLICKHOUSE_CLUSTER)', () => {
    const config = loadCollectorConfig({
      RAGTRACE_CLICKHOUSE_URL: 'http://ch.example:8123',
      RAGTRACE_CLICKHOUSE_CLUSTER: 'ragtrace',
    });
    assert.equal(config.storage.kind === 'server' && config.storage.cluster, 'ragtrace');
    assert.throws(
      () => loadCollectorConfig({ RAGTRACE_CLICKHOUSE_CLUSTER: 'ragtrace' }),
      /^ConfigError: Invalid RAGTRACE_CLICKHOUSE_CLUSTER="ragtrace": expected RAGTRACE_CLICKHOUSE_URL to be set/,
    );
  });

  it('has sensible limits by default and refuses a headers timeout longer than the request timeout', () => {
    const config = loadCollectorConfig({});
    assert.deepEqual(config.timeouts, { headersMs: 10_000, requestMs: 60_000 });
    assert.equal(config.maxConcurrentRequests, 64);
    assert.equal(config.maxSpansPerRequest, 100_000);
    assert.equal(config.maxAttributesPerSpan, 1024);
    assert.equal(config.maxAttributeValueLength, 1024 * 1024);
    assert.deepEqual(config.spool, { maxBytes: 1024 * 1024 * 1024, afterMs: 5000 });
    assert.throws(
      () => loadCollectorConfig({ RAGTRACE_HEADERS_TIMEOUT_MS: '5000', RAGTRACE_REQUEST_TIMEOUT_MS: '1000' }),
      /^ConfigError: Invalid RAGTRACE_HEADERS_TIMEOUT_MS="5000": expected at most RAGTRACE_REQUEST_TIMEOUT_MS \(1000\)/,
    );
  });

  it('lets a flag win over its environment variable', () => {
    const config = loadCollectorConfig({ RAGTRACE_PORT: '5000' }, new Map([['--port', '6000']]));
    assert.equal(config.port, 6000);
  });

  const invalid: Array<[Record<string, string>, string, RegExp]> = [
    [{ RAGTRACE_PORT: 'abc' }, 'RAGTRACE_PORT', /an integer from 0 to 65535/],
    [{ RAGTRACE_PORT: '70000' }, 'RAGTRACE_PORT', /an integer from 0 to 65535/],
    [{ RAGTRACE_PORT: '-1' }, 'RAGTRACE_PORT', /an integer/],
    [{ RAGTRACE_CLICKHOUSE_URL: 'ftp://x' }, 'RAGTRACE_CLICKHOUSE_URL', /http:\/\/ or https:\/\//],
    [{ RAGTRACE_CLICKHOUSE_URL: 'not a url' }, 'RAGTRACE_CLICKHOUSE_URL', /http/],
    [{ RAGTRACE_DATABASE: 'otel; DROP' }, 'RAGTRACE_DATABASE', /ClickHouse identifier/],
    [{ RAGTRACE_HEADERS_TIMEOUT_MS: '10' }, 'RAGTRACE_HEADERS_TIMEOUT_MS', /an integer from 100 to 600000/],
    [{ RAGTRACE_REQUEST_TIMEOUT_MS: 'soon' }, 'RAGTRACE_REQUEST_TIMEOUT_MS', /an integer/],
    [{ RAGTRACE_MAX_CONCURRENT_REQUESTS: '0' }, 'RAGTRACE_MAX_CONCURRENT_REQUESTS', /an integer from 1/],
    [{ RAGTRACE_MAX_SPANS_PER_REQUEST: '0' }, 'RAGTRACE_MAX_SPANS_PER_REQUEST', /an integer from 1/],
    [{ RAGTRACE_MAX_ATTRIBUTES_PER_SPAN: '-5' }, 'RAGTRACE_MAX_ATTRIBUTES_PER_SPAN', /an integer from 1/],
    [
      { RAGTRACE_MAX_ATTRIBUTE_VALUE_LENGTH: '10' },
      'RAGTRACE_MAX_ATTRIBUTE_VALUE_LENGTH',
      /an integer from 64/,
    ],
    [
      { RAGTRACE_SPOOL_MAX_BYTES: '512' },
      'RAGTRACE_SPOOL_MAX_BYTES',
      /an integer from 1024 to 1099511627776/,
    ],
    [{ RAGTRACE_SPOOL_AFTER_MS: '0' }, 'RAGTRACE_SPOOL_AFTER_MS', /an integer from 1 to 600000/],
    [{ RAGTRACE_HOST: 'bad host' }, 'RAGTRACE_HOST', /host name or IP address/],
    [{ RAGTRACE_LOG_FORMAT: 'xml' }, 'RAGTRACE_LOG_FORMAT', /one of json, text/],
    [{ RAGTRACE_LOG_LEVEL: 'INFO' }, 'RAGTRACE_LOG_LEVEL', /one of debug, info, warn, error/],
    [
      { RAGTRACE_CLICKHOUSE_URL: 'http://ch:8123', RAGTRACE_CLICKHOUSE_CLUSTER: 'a b' },
      'RAGTRACE_CLICKHOUSE_CLUSTER',
      /cluster name/,
    ],
  ];
  for (const [env, name, accepted] of invalid) {
    it(`refuses ${name}=${env[name]} naming the variable, the value and what is accepted`, () => {
      assert.throws(
        () => loadCollectorConfig(env),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, new RegExp(`^Invalid ${name}=`));
          assert.ok(error.message.includes(JSON.stringify(env[name])));
          assert.match(error.message, accepted);
          return true;
        },
      );
    });
  }

  it('names the flag when the bad value came from a flag', () => {
    assert.throws(
      () => loadCollectorConfig({}, new Map([['--port', 'x']])),
      /^ConfigError: Invalid --port="x"/,
    );
  });
});
