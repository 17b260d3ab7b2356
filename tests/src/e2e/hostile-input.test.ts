import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import {
  decodeLogsJson,
  decodeLogsProtobuf,
  decodeTracesJson,
  decodeTracesProtobuf,
  OtlpDecodeError,
} from '@ragtrace/collector';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { mutateBytes } from '../support/fuzz/mutate-bytes.js';
import { mutateJson } from '../support/fuzz/mutate-json.js';
import { SeededRandom } from '../support/fuzz/seeded-random.js';
import { recordFixtureSpans } from '../support/span-fixtures.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

// Deterministic by default so CI is repeatable: a fixed seed and a fixed number of inputs per
// target. RAGTRACE_FUZZ_SEED explores other inputs, RAGTRACE_FUZZ_MAX_INPUTS runs more of them;
// the time budget only stops a run on a badly overloaded machine (with at least MIN_INPUTS done).
const SEED = Number(process.env['RAGTRACE_FUZZ_SEED'] ?? 20261127);
const BUDGET_MS = Number(process.env['RAGTRACE_FUZZ_BUDGET_MS'] ?? 60_000);
const MAX_INPUTS = Number(process.env['RAGTRACE_FUZZ_MAX_INPUTS'] ?? 1_000);
const MIN_INPUTS = 200;
const GOOD_EVERY = 50;
const REQUEST_TIMEOUT_MS = 5_000;

interface Verdict {
  readonly status: number | 'timeout';
  readonly body: string;
  /** `X-ClickHouse-Exception-Code` of a /clickhouse refusal. */
  readonly exceptionCode?: string | null;
}

// /clickhouse answers as ClickHouse's HTTP interface does, which is 500 for many engine
// exceptions (READONLY for a refused write, a bad query parameter value, …). A 500 there must
// carry the engine's exception code; the collector's own UNKNOWN_EXCEPTION (1002) or a 500
// without a code would be a defect of ours.
const COLLECTOR_OWN_EXCEPTION = '1002';

function isEngineRefusal(verdict: Verdict): boolean {
  const code = verdict.exceptionCode;
  return verdict.status === 500 && code !== null && code !== undefined && code !== COLLECTOR_OWN_EXCEPTION;
}

interface Failure {
  readonly input: number;
  readonly what: string;
  readonly verdict: Verdict;
}

/** Fails with the seed, input numbers and answers, so the case can be replayed. */
function assertNoFailures(failures: readonly Failure[], tried: number): void {
  const shown = failures
    .slice(0, 5)
    .map((f) => `#${f.input} ${f.what} → ${f.verdict.status}: ${f.verdict.body.slice(0, 200)}`);
  assert.equal(
    failures.length,
    0,
    `seed ${SEED}: ${failures.length} of ${tried} inputs failed:\n${shown.join('\n')}`,
  );
}

describe(`hostile input: seeded fuzzing of the OTLP decoders and the query endpoints (seed ${SEED})`, () => {
  let collector: TestCollector;
  let goodProtobuf: Uint8Array;
  let goodJson: unknown;

  before(async () => {
    collector = await startTestCollector();
    const spans = await recordFixtureSpans('fuzz-seed');
    goodProtobuf = ProtobufTraceSerializer.serializeRequest(spans)!;
    goodJson = JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString('utf8'));
  });
  after(() => collector.stop());

  async function send(path: string, init: RequestInit): Promise<Verdict> {
    try {
      const response = await fetch(`${collector.url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return {
        status: response.status,
        body: await response.text(),
        exceptionCode: response.headers.get('x-clickhouse-exception-code'),
      };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError')
        return { status: 'timeout', body: '' };
      throw error;
    }
  }

  /** A known-good export between hostile ones: the collector must keep storing real data. */
  async function sendGood(serviceName: string): Promise<Verdict> {
    const spans = await recordFixtureSpans(serviceName);
    return send('/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: ProtobufTraceSerializer.serializeRequest(spans)!,
    });
  }

  async function storedSpans(servicePrefix: string): Promise<number> {
    const result = await collector.sql.query({
      query: 'SELECT count() AS n FROM otel.otel_traces WHERE startsWith(ServiceName, {p:String})',
      query_params: { p: servicePrefix },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string }>();
    return Number(row!.n);
  }

  it('the decoders themselves: every mutated input decodes or throws OtlpDecodeError, quickly', () => {
    const random = new SeededRandom(SEED);
    const jsonText = JSON.stringify(goodJson);
    const decoders = [
      { name: 'traces protobuf', run: () => decodeTracesProtobuf(mutateBytes(goodProtobuf, random)) },
      { name: 'logs protobuf', run: () => decodeLogsProtobuf(mutateBytes(goodProtobuf, random)) },
      { name: 'traces json', run: () => decodeTracesJson(JSON.stringify(mutateJson(goodJson, random))) },
      { name: 'logs json', run: () => decodeLogsJson(JSON.stringify(mutateJson(goodJson, random))) },
      {
        name: 'traces json bytes',
        run: () => decodeTracesJson(Buffer.from(mutateBytes(Buffer.from(jsonText), random)).toString('utf8')),
      },
    ];
    const failures: string[] = [];
    const deadline = Date.now() + BUDGET_MS;
    let tried = 0;
    let slowest = 0;
    while (tried < MAX_INPUTS * 10 && Date.now() < deadline) {
      tried += 1;
      const decoder = random.pick(decoders);
      const started = performance.now();
      try {
        decoder.run();
      } catch (error) {
        if (!(error instanceof OtlpDecodeError)) failures.push(`#${tried} ${decoder.name}: ${String(error)}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    console.log(`decoders: ${tried} mutated inputs, slowest ${slowest.toFixed(1)} ms`);
    assert.deepEqual(
      failures.slice(0, 5),
      [],
      `seed ${SEED}: ${failures.length} of ${tried} inputs escaped as non-OTLP errors`,
    );
    assert.ok(tried >= MIN_INPUTS * 10, `only ${tried} inputs fitted the budget`);
    assert.ok(slowest < 1_000, `one input took ${slowest.toFixed(0)} ms to decode`);
  });

  it('mutated OTLP protobuf, JSON and gzip bodies: a 200 or a 4xx each, never a crash or hang, good exports still stored', async () => {
    const random = new SeededRandom(SEED);
    const failures: Failure[] = [];
    const deadline = Date.now() + BUDGET_MS;
    let tried = 0;
    let good = 0;
    const statuses = new Map<number | 'timeout', number>();
    const goodSpansPerExport = (await recordFixtureSpans('count')).length;

    while (tried < MAX_INPUTS && Date.now() < deadline) {
      tried += 1;
      const shape = random.below(4);
      let what: string;
      let init: RequestInit;
      if (shape === 0) {
        what = 'protobuf';
        init = {
          body: mutateBytes(goodProtobuf, random),
          headers: { 'content-type': 'application/x-protobuf' },
        };
      } else if (shape === 1) {
        what = 'json-structure';
        init = {
          body: JSON.stringify(mutateJson(goodJson, random)),
          headers: { 'content-type': 'application/json' },
        };
      } else if (shape === 2) {
        what = 'json-bytes';
        init = {
          body: mutateBytes(Buffer.from(JSON.stringify(goodJson)), random),
          headers: { 'content-type': 'application/json' },
        };
      } else {
        what = 'gzip-protobuf';
        init = {
          body: mutateBytes(gzipSync(goodProtobuf), random),
          headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
        };
      }
      const path = random.next() < 0.8 ? '/v1/traces' : '/v1/logs';
      const verdict = await send(path, { method: 'POST', ...init });
      statuses.set(verdict.status, (statuses.get(verdict.status) ?? 0) + 1);
      const acceptable =
        verdict.status === 200 ||
        (typeof verdict.status === 'number' && verdict.status >= 400 && verdict.status < 500);
      if (!acceptable) failures.push({ input: tried, what: `${what} to ${path}`, verdict });

      if (tried % GOOD_EVERY === 0) {
        good += 1;
        const verdictGood = await sendGood(`fuzz-good-${good}`);
        if (verdictGood.status !== 200)
          failures.push({ input: tried, what: 'good export between hostile ones', verdict: verdictGood });
      }
    }

    console.log(
      `hostile OTLP bodies: ${tried} inputs, statuses ${JSON.stringify([...statuses])}, ${good} good exports between`,
    );
    assertNoFailures(failures, tried);
    assert.ok(tried >= MIN_INPUTS, `only ${tried} inputs fitted the budget`);
    assert.equal(
      await storedSpans('fuzz-good-'),
      good * goodSpansPerExport,
      'every good export stored, once',
    );
  });

  it('random SQL and parameters on /clickhouse and /api: answered, never a crash or hang, good exports still stored', async () => {
    const random = new SeededRandom(SEED + 1);
    const failures: Failure[] = [];
    const deadline = Date.now() + BUDGET_MS;
    const statuses = new Map<string, number>();
    let tried = 0;
    let good = 0;
    const goodSpansPerExport = (await recordFixtureSpans('count')).length;

    while (tried < MAX_INPUTS && Date.now() < deadline) {
      tried += 1;
      const request = random.next() < 0.6 ? randomClickHouseRequest(random) : randomApiRequest(random);
      const verdict = await send(request.path, request.init);
      const engineRefusal = request.path.startsWith('/clickhouse') && isEngineRefusal(verdict);
      const key = `${request.path.split('?')[0]!.split('/').slice(0, 3).join('/')} ${verdict.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const acceptable =
        typeof verdict.status === 'number' &&
        (verdict.status < 300 || (verdict.status >= 400 && verdict.status < 500) || engineRefusal);
      if (!acceptable)
        failures.push({ input: tried, what: `${request.init.method ?? 'GET'} ${request.path}`, verdict });
      if (tried % GOOD_EVERY === 0) {
        good += 1;
        const verdictGood = await sendGood(`fuzz-query-good-${good}`);
        if (verdictGood.status !== 200)
          failures.push({ input: tried, what: 'good export between hostile ones', verdict: verdictGood });
      }
    }

    console.log(`hostile queries: ${tried} inputs, statuses ${JSON.stringify([...statuses].sort())}`);
    assertNoFailures(failures, tried);
    assert.ok(tried >= MIN_INPUTS, `only ${tried} inputs fitted the budget`);
    assert.equal(await storedSpans('fuzz-query-good-'), good * goodSpansPerExport);
  });
});

interface FuzzRequest {
  readonly path: string;
  readonly init: RequestInit;
}

const SQL_FRAGMENTS = [
  'SELECT',
  '1',
  'count()',
  '*',
  'FROM',
  'otel.otel_traces',
  'otel.genai_spans',
  'otel.genai_runs',
  'system.one',
  'WHERE',
  'TraceId',
  '=',
  "'",
  '"',
  '`',
  '(',
  ')',
  ',',
  ';',
  '--',
  '/*',
  'FORMAT',
  'JSON',
  'JSONEachRow',
  'TabSeparated',
  'NoSuchFormat',
  'SETTINGS',
  'max_threads = 1',
  'max_result_rows = -1',
  'UNION ALL',
  'LIMIT',
  '-1',
  '1e400',
  '\\',
  '\u0000',
  'é',
  '{p:String}',
  '{p:UInt8}',
  'INSERT INTO otel.otel_traces',
  'DROP TABLE',
  'arrayJoin(range(5))',
  'toDateTime64(',
  'NULL',
  'GROUP BY',
  'ORDER BY',
  'JOIN',
  'USING',
  'WITH',
  'AS',
];
const PARAMETER_VALUES = [
  '',
  'otel',
  'nope',
  '1',
  '-1',
  '0',
  'JSON',
  'TabSeparated',
  'Bogus',
  "x'y",
  '\u00ff',
  '9'.repeat(30),
];
const PARAMETER_NAMES = [
  'database',
  'default_format',
  'param_p',
  'max_result_rows',
  'readonly',
  'query_id',
  'no_such_setting',
  'session_id',
  'wait_end_of_query',
];

function randomSql(random: SeededRandom): string {
  const words = Array.from({ length: 1 + random.below(12) }, () => random.pick(SQL_FRAGMENTS));
  return random.next() < 0.3 ? `SELECT ${words.join(' ')}` : words.join(' ');
}

function randomParameters(random: SeededRandom, count: number): URLSearchParams {
  const parameters = new URLSearchParams();
  for (let i = 0; i < count; i += 1)
    parameters.append(random.pick(PARAMETER_NAMES), random.pick(PARAMETER_VALUES));
  return parameters;
}

function randomClickHouseRequest(random: SeededRandom): FuzzRequest {
  const parameters = randomParameters(random, random.below(4));
  if (random.next() < 0.5) {
    parameters.set('query', randomSql(random));
    return { path: `/clickhouse/?${parameters}`, init: { method: 'GET' } };
  }
  return { path: `/clickhouse/?${parameters}`, init: { method: 'POST', body: randomSql(random) } };
}

const API_IDS = ['', 'x', '0af7651916cd43dd8448eb211c80319c', '%00', '..%2F..', 'ü', '1'.repeat(300)];

function randomJsonBody(random: SeededRandom): string {
  const fields = [
    'name',
    'value',
    'label',
    'traceId',
    'spanId',
    'experiment',
    'model',
    'provider',
    'inputPerMillion',
    'id',
    'params',
  ];
  const body: Record<string, unknown> = {};
  for (let i = 0; i < random.below(6); i += 1)
    body[random.pick(fields)] = random.pick([null, 1, -1, 1e308, 'x', '', [], {}, true]);
  return random.next() < 0.2 ? JSON.stringify(body).slice(0, random.below(20)) : JSON.stringify(body);
}

function randomApiRequest(random: SeededRandom): FuzzRequest {
  const parameters = new URLSearchParams();
  for (let i = 0; i < random.below(3); i += 1) {
    parameters.append(
      random.pick(['limit', 'cursor', 'ids', 'experiment', 'model', 'provider']),
      random.pick([...PARAMETER_VALUES, ...API_IDS]),
    );
  }
  const id = encodeURIComponent(random.pick(API_IDS));
  const json = { 'content-type': 'application/json' };
  return random.pick<FuzzRequest>([
    { path: `/api/runs?${parameters}`, init: { method: 'GET' } },
    { path: `/api/runs/compare?${parameters}`, init: { method: 'GET' } },
    { path: `/api/runs/${id}`, init: { method: 'GET' } },
    { path: `/api/traces/${id}`, init: { method: 'GET' } },
    { path: `/api/prices?${parameters}`, init: { method: 'GET' } },
    { path: '/api/runs', init: { method: 'POST', headers: json, body: randomJsonBody(random) } },
    { path: `/api/runs/${id}/end`, init: { method: 'POST', headers: json, body: randomJsonBody(random) } },
    { path: '/api/scores', init: { method: 'POST', headers: json, body: randomJsonBody(random) } },
    { path: '/api/prices', init: { method: 'PUT', headers: json, body: randomJsonBody(random) } },
  ]);
}
