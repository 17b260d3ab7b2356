import { ClickHouseError, ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { StorageUnavailableError } from '../../storage/storage-errors.js';
import type { Storage } from '../../storage/storage.js';
import { createClickHouseHttpRoutes } from './routes.js';
import {
  serveClickHouseRoutes,
  type ServedClickHouseRoutes,
} from './test-support/serve-clickhouse-routes.js';

const FIXTURE_ROWS = [
  { id: 1, stage: 'embed' },
  { id: 2, stage: 'retrieve' },
  { id: 3, stage: 'generate' },
];

describe('/clickhouse: ClickHouse HTTP interface over embedded storage', () => {
  let served: ServedClickHouseRoutes;
  let endpoint: string;
  let client: ClickHouseClient;

  before(async () => {
    served = await serveClickHouseRoutes({ readonly: true });
    endpoint = new URL('/clickhouse', served.url).href;
    await served.storage.command(
      'CREATE TABLE otel.stages (id UInt32, stage String) ENGINE = MergeTree ORDER BY id',
    );
    await served.storage.insertRows('stages', FIXTURE_ROWS);
    client = createClient({
      url: served.url,
      pathname: '/clickhouse',
      log: { level: ClickHouseLogLevel.OFF },
    });
  });
  after(async () => {
    await client.close();
    await served.close();
  });

  /** What a reader sees of the fixture table, to prove a refused write changed nothing. */
  async function fixtureState(): Promise<unknown> {
    return served.storage.queryRows('SELECT id, stage FROM otel.stages ORDER BY id');
  }

  async function post(sql: string, path = '/clickhouse/', init: RequestInit = {}): Promise<Response> {
    return fetch(new URL(path, served.url), { method: 'POST', body: sql, ...init });
  }

  describe('@clickhouse/client with pathname /clickhouse', () => {
    it('reads JSONEachRow rows, binding query_params server-side', async () => {
      const result = await client.query({
        query: 'SELECT id, stage FROM stages WHERE id >= {min:UInt32} ORDER BY id',
        query_params: { min: 2 },
        format: 'JSONEachRow',
      });
      assert.deepEqual(await result.json(), FIXTURE_ROWS.slice(1));
    });

    it('binds parameter values exactly, quotes, backslashes and control characters included', async () => {
      const values = { names: ['embed', "it's", 'back\\slash'], text: 'tab\there\nnewline', missing: null };
      const result = await client.query({
        query:
          'SELECT {names:Array(String)} AS names, {text:String} AS text, {missing:Nullable(String)} AS missing',
        query_params: values,
        format: 'JSONEachRow',
      });
      assert.deepEqual(await result.json(), [values]);
    });

    it('reads a JSON document with column metadata', async () => {
      const result = await client.query({ query: 'SELECT count() AS spans FROM stages', format: 'JSON' });
      const document = await result.json<{ spans: string | number }>();
      assert.deepEqual(document.meta, [{ name: 'spans', type: 'UInt64' }]);
      // Whether 64-bit integers come quoted depends on the engine version's defaults.
      assert.deepEqual(
        document.data.map((row) => Number(row.spans)),
        [3],
      );
    });

    it('reads TabSeparated text', async () => {
      const result = await client.query({
        query: 'SELECT id, stage FROM stages ORDER BY id',
        format: 'TabSeparated',
      });
      assert.equal(await result.text(), '1\tembed\n2\tretrieve\n3\tgenerate\n');
    });

    it('pings', async () => {
      assert.deepEqual(await client.ping(), { success: true });
    });

    it('sends and receives compressed bodies when the client asks for compression', async () => {
      const compressing = createClient({
        url: served.url,
        pathname: '/clickhouse',
        compression: { request: true, response: true },
        log: { level: ClickHouseLogLevel.OFF },
      });
      try {
        const result = await compressing.query({
          query: 'SELECT stage FROM stages WHERE id = 3',
          format: 'JSONEachRow',
        });
        assert.deepEqual(await result.json(), [{ stage: 'generate' }]);
      } finally {
        await compressing.close();
      }
    });

    it('takes the query and its parameters from a multipart body', async () => {
      const multipart = createClient({
        url: served.url,
        pathname: '/clickhouse',
        use_multipart_params: true,
        log: { level: ClickHouseLogLevel.OFF },
      });
      try {
        const result = await multipart.query({
          query: 'SELECT stage FROM stages WHERE id = {id:UInt32}',
          query_params: { id: 2 },
          format: 'JSONEachRow',
        });
        assert.deepEqual(await result.json(), [{ stage: 'retrieve' }]);
      } finally {
        await multipart.close();
      }
    });

    it('throws ClickHouseError with the engine code for a syntax error and an unknown table', async () => {
      await assert.rejects(client.query({ query: 'SELEC 1' }), (error: unknown) => {
        assert.ok(error instanceof ClickHouseError);
        assert.equal(error.code, '62');
        assert.equal(error.type, 'SYNTAX_ERROR');
        return true;
      });
      await assert.rejects(client.query({ query: 'SELECT * FROM no_such_table' }), (error: unknown) => {
        assert.ok(error instanceof ClickHouseError);
        assert.equal(error.code, '60');
        assert.equal(error.type, 'UNKNOWN_TABLE');
        assert.match(error.message, /no_such_table/);
        return true;
      });
    });
  });

  describe('plain HTTP, as curl and Grafana send it', () => {
    it('runs a POSTed body at /clickhouse/ and at /clickhouse, TabSeparated by default', async () => {
      for (const path of ['/clickhouse/', '/clickhouse']) {
        const response = await post('SELECT stage FROM stages ORDER BY id', path);
        assert.equal(response.status, 200, path);
        assert.equal(response.headers.get('content-type'), 'text/tab-separated-values; charset=UTF-8');
        assert.equal(response.headers.get('x-clickhouse-format'), 'TabSeparated');
        assert.equal(await response.text(), 'embed\nretrieve\ngenerate\n');
      }
    });

    it('runs the query parameter of a GET', async () => {
      const response = await fetch(`${endpoint}/?query=${encodeURIComponent('SELECT 1 + 1')}`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '2\n');
    });

    it('answers Ok. to a bare GET and to /ping, as ClickHouse does', async () => {
      for (const path of ['/clickhouse/', '/clickhouse', '/clickhouse/ping']) {
        const response = await fetch(new URL(path, served.url));
        assert.equal(response.status, 200, path);
        assert.equal(await response.text(), 'Ok.\n', path);
      }
    });

    it('lets a FORMAT clause win over default_format', async () => {
      const response = await post(
        'SELECT id FROM stages ORDER BY id FORMAT JSONEachRow',
        '/clickhouse/?default_format=CSV',
      );
      assert.equal(response.headers.get('content-type'), 'application/x-ndjson; charset=UTF-8');
      assert.equal(response.headers.get('x-clickhouse-format'), 'JSONEachRow');
      assert.equal(await response.text(), '{"id":1}\n{"id":2}\n{"id":3}\n');
    });

    it('uses default_format when the query names none', async () => {
      const response = await post(
        'SELECT id, stage FROM stages WHERE id = 1',
        '/clickhouse/?default_format=CSVWithNames',
      );
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=UTF-8; header=present');
      assert.equal(await response.text(), '"id","stage"\n1,"embed"\n');
    });

    it("answers the Native format Grafana's clickhouse-go asks for", async () => {
      const response = await post('SELECT timeZone()', '/clickhouse/?default_format=Native');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/octet-stream');
      assert.equal(response.headers.get('x-clickhouse-format'), 'Native');
      // One column, one row, then the column's length-prefixed name and type.
      const block = Buffer.from(await response.arrayBuffer());
      assert.deepEqual([...block.subarray(0, 2)], [1, 1]);
      assert.ok(block.includes(Buffer.from('\x0atimeZone()\x06String')));
    });

    it('binds param_<name>, honours database and echoes query_id', async () => {
      const response = await post(
        'SELECT dummy + {offset:UInt8} FROM one',
        '/clickhouse/?database=system&param_offset=41&query_id=grafana-panel-7',
      );
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-clickhouse-query-id'), 'grafana-panel-7');
      assert.equal(await response.text(), '41\n');
      const summary = JSON.parse(response.headers.get('x-clickhouse-summary') ?? 'null') as Record<
        string,
        string
      >;
      assert.equal(typeof summary['read_rows'], 'string');
    });

    it('applies settings from URL parameters to that query only', async () => {
      const limited = await post(
        'SELECT id FROM stages',
        '/clickhouse/?max_result_rows=1&result_overflow_mode=throw',
      );
      assert.equal(limited.status, 500);
      assert.match(await limited.text(), /\(TOO_MANY_ROWS_OR_BYTES\)/);
      const next = await post('SELECT count() FROM stages');
      assert.equal(await next.text(), '3\n');
    });

    it('passes a setting value through exactly, even one shaped to break out of a quoted SET', async () => {
      const value = `x\\'; INSERT INTO otel.stages VALUES (99, 'injected'); SELECT '`;
      const response = await post(
        "SELECT getSetting('log_comment')",
        `/clickhouse/?log_comment=${encodeURIComponent(value)}&default_format=JSONEachRow`,
      );
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(await response.text()), { "getSetting('log_comment')": value });
      assert.deepEqual(await fixtureState(), FIXTURE_ROWS);
    });

    it('reads a gzip request body', async () => {
      const response = await post('', '/clickhouse/', {
        body: gzipSync('SELECT stage FROM stages WHERE id = 2'),
        headers: { 'Content-Encoding': 'gzip' },
      });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), 'retrieve\n');
    });

    it('accepts and ignores credentials until the collector has auth', async () => {
      const basic = `Basic ${Buffer.from('grafana:secret').toString('base64')}`;
      const credentials: Array<Record<string, string>> = [
        { 'X-ClickHouse-User': 'grafana', 'X-ClickHouse-Key': 'secret' },
        { Authorization: basic },
      ];
      for (const headers of credentials) {
        const response = await post('SELECT 1', '/clickhouse/?user=ignored', { headers });
        assert.equal(response.status, 200);
      }
    });

    it('leaves the collector able to write after a read-only query', async () => {
      await post('SELECT 1');
      await served.storage.command('CREATE TABLE otel.after_readonly (n UInt8) ENGINE = Memory');
      await served.storage.command('DROP TABLE otel.after_readonly');
    });
  });

  describe('errors, ClickHouse-style', () => {
    it('answers a syntax error with 400, the exception code header and the exception text', async () => {
      const response = await post('SELEC 1');
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('x-clickhouse-exception-code'), '62');
      assert.match(
        await response.text(),
        /^Code: 62\. DB::Exception: Syntax error: .+\. \(SYNTAX_ERROR\) \(version \d+\.\d+[.\d]*\)\n$/s,
      );
    });

    it('answers an unknown table with 404 and an unknown database with 404', async () => {
      const table = await post('SELECT * FROM no_such_table');
      assert.equal(table.status, 404);
      assert.equal(table.headers.get('x-clickhouse-exception-code'), '60');
      const database = await post('SELECT 1', '/clickhouse/?database=no_such_database');
      assert.equal(database.status, 404);
      assert.equal(database.headers.get('x-clickhouse-exception-code'), '81');
    });

    it('refuses several statements in one request, as ClickHouse does', async () => {
      const response = await post('SELECT 1; SELECT 2');
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('x-clickhouse-exception-code'), '62');
      assert.match(await response.text(), /Multi-statements are not allowed/);
    });

    it('answers 503 with a ClickHouse exception when storage is unavailable', async () => {
      const down = new StorageUnavailableError('ClickHouse is unavailable: connect ECONNREFUSED');
      const failing: Storage = {
        kind: 'server',
        database: 'otel',
        command: () => Promise.reject(down),
        queryRows: () => Promise.reject(down),
        insertRows: () => Promise.reject(down),
        rawQuery: () => Promise.reject(down),
        ping: () => Promise.reject(down),
        close: () => Promise.resolve(),
      };
      const routes = createClickHouseHttpRoutes({ storage: failing, readonly: true });
      for (const request of [
        new Request('http://x/', { method: 'POST', body: 'SELECT 1' }),
        new Request('http://x/ping'),
      ]) {
        const response = await routes.request(request);
        assert.equal(response.status, 503);
        assert.equal(response.headers.get('x-clickhouse-exception-code'), '210');
        assert.ok(response.headers.get('retry-after'));
        assert.match(
          await response.text(),
          /^Code: 210\. DB::Exception: ClickHouse is unavailable: .*\(NETWORK_ERROR\)\n$/,
        );
      }
    });
  });

  describe('read-only', () => {
    const outfile = join(tmpdir(), `ragtrace-readonly-${process.pid}.tsv`);
    const writes: Record<string, string> = {
      INSERT: "INSERT INTO stages VALUES (4, 'rerank')",
      'INSERT … FORMAT': 'INSERT INTO stages FORMAT JSONEachRow {"id":4,"stage":"rerank"}',
      CREATE: 'CREATE TABLE otel.created (n UInt8) ENGINE = Memory',
      DROP: 'DROP TABLE stages',
      ALTER: 'ALTER TABLE stages DELETE WHERE 1',
      'ALTER ADD COLUMN': 'ALTER TABLE stages ADD COLUMN extra UInt8',
      TRUNCATE: 'TRUNCATE TABLE stages',
      DELETE: 'DELETE FROM stages WHERE id = 1',
      RENAME: 'RENAME TABLE stages TO renamed',
      OPTIMIZE: 'OPTIMIZE TABLE stages FINAL',
      SYSTEM: 'SYSTEM STOP MERGES',
      KILL: 'KILL QUERY WHERE 1',
      GRANT: 'GRANT SELECT ON *.* TO default',
      'SET readonly': 'SET readonly = 0',
      // Neither changes anything over HTTP without a session; both are statements, not reads.
      SET: 'SET max_threads = 1',
      USE: 'USE system',
      'SETTINGS readonly': 'SELECT * FROM stages SETTINGS readonly = 0',
      'WITH … INSERT INTO FUNCTION': `WITH 1 AS n INSERT INTO FUNCTION file('${outfile}', 'TSV', 'n UInt8') SELECT n`,
      'EXPLAIN PIPELINE INSERT': `EXPLAIN PIPELINE INSERT INTO FUNCTION file('${outfile}', 'TSV', 'n UInt8') SELECT 1`,
      'INTO OUTFILE': `SELECT 1 INTO OUTFILE '${outfile}'`,
    };

    for (const [kind, sql] of Object.entries(writes)) {
      it(`refuses ${kind} with READONLY (164) and changes nothing`, async () => {
        const response = await post(sql, '/clickhouse/?readonly=0');
        assert.equal(
          response.headers.get('x-clickhouse-exception-code'),
          '164',
          await response.clone().text(),
        );
        assert.equal(response.status, 500);
        assert.match(await response.text(), /\(READONLY\)/);
        await assert.rejects(client.command({ query: sql }), { code: '164', type: 'READONLY' });
        assert.deepEqual(await fixtureState(), FIXTURE_ROWS);
        assert.equal(existsSync(outfile), false, 'no file written');
      });
    }

    it('runs the read statements: SHOW, DESCRIBE, EXISTS and EXPLAIN', async () => {
      for (const sql of ['SHOW TABLES', 'DESCRIBE TABLE stages', 'EXISTS TABLE stages', 'EXPLAIN SELECT 1']) {
        const response = await post(sql);
        assert.equal(response.status, 200, `${sql}: ${await response.clone().text()}`);
      }
      assert.equal(await (await post('SHOW TABLES')).text(), 'stages\n');
      assert.equal(await (await post('EXISTS TABLE stages')).text(), '1\n');
    });

    it('refuses a write hidden behind a read in a second statement', async () => {
      const response = await post("SELECT 1; INSERT INTO stages VALUES (5, 'tool')");
      assert.equal(response.status, 400);
      assert.deepEqual(await fixtureState(), FIXTURE_ROWS);
    });

    it('keeps GET read-only even where writes are allowed, as ClickHouse does', async () => {
      const writable = createClickHouseHttpRoutes({ storage: served.storage, readonly: false });
      const sql = encodeURIComponent("INSERT INTO otel.stages VALUES (6, 'agent')");
      const response = await writable.request(`/?query=${sql}`);
      assert.equal(response.headers.get('x-clickhouse-exception-code'), '164');
      assert.deepEqual(await fixtureState(), FIXTURE_ROWS);
    });
  });

  describe('with writes allowed', () => {
    it('inserts data from the body after a query in the URL', async () => {
      await served.storage.command(
        'CREATE TABLE otel.writable (id UInt32, stage String) ENGINE = MergeTree ORDER BY id',
      );
      const writable = createClickHouseHttpRoutes({ storage: served.storage, readonly: false });
      const query = encodeURIComponent('INSERT INTO otel.writable FORMAT JSONEachRow');
      const response = await writable.request(`/?query=${query}`, {
        method: 'POST',
        body: '{"id":7,"stage":"tool"}\n{"id":8,"stage":"agent"}\n',
      });
      assert.equal(response.status, 200, await response.clone().text());
      assert.deepEqual(await served.storage.queryRows('SELECT id, stage FROM otel.writable ORDER BY id'), [
        { id: 7, stage: 'tool' },
        { id: 8, stage: 'agent' },
      ]);
    });
  });
});
