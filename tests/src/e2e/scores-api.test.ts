import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const RUN_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('POST /api/scores', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
    // A span of a run, as the SDK records it, so scores of its trace can find the run.
    const spans = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: RUN_TRACE_ID,
                  spanId: SPAN_ID,
                  name: 'chat gpt-4o-mini',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000500000000',
                  attributes: [
                    { key: 'ragtrace.run.id', value: { stringValue: 'run-42' } },
                    { key: 'ragtrace.experiment.name', value: { stringValue: 'retrieval-k' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      body: JSON.stringify(spans),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.status, 200);
  });
  after(() => collector.stop());

  const postScores = (body: unknown, contentType = 'application/json') =>
    fetch(`${collector.url}/api/scores`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': contentType },
    });

  async function scoreRows(name: string) {
    const result = await collector.sql.query({
      query: `SELECT TraceId, SpanId, RunId, Name, Value, Label, Source, Explanation
              FROM otel.genai_scores WHERE Name = {name:String} ORDER BY Value`,
      query_params: { name },
      format: 'JSONEachRow',
    });
    return result.json();
  }

  it('stores one score as the evaluation event the SDK sends, filling genai_scores', async () => {
    const response = await postScores({
      name: 'helpfulness',
      value: 4,
      label: 'good',
      explanation: 'answered the question',
      source: 'human',
      traceId: TRACE_ID.toUpperCase(),
      spanId: SPAN_ID,
      runId: 'run-7',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { accepted: 1 });
    assert.deepEqual(await scoreRows('helpfulness'), [
      {
        TraceId: TRACE_ID,
        SpanId: SPAN_ID,
        RunId: 'run-7',
        Name: 'helpfulness',
        Value: 4,
        Label: 'good',
        Source: 'human',
        Explanation: 'answered the question',
      },
    ]);
    const events = await collector.sql.query({
      query: `SELECT EventName, LogAttributes['gen_ai.evaluation.score.value'] AS value
              FROM otel.otel_logs WHERE LogAttributes['gen_ai.evaluation.name'] = 'helpfulness'`,
      format: 'JSONEachRow',
    });
    assert.deepEqual(await events.json(), [{ EventName: 'gen_ai.evaluation.result', value: '4' }]);
  });

  it('stores text with lone surrogates (a JSON escape, as JSON.stringify writes one) as U+FFFD, as OTLP does', async () => {
    const response = await postScores({
      name: 'cut-short',
      value: 1,
      label: 'good \ud83d',
      explanation: 'the emoji was cut \udc00',
      traceId: TRACE_ID,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const [row] = (await scoreRows('cut-short')) as { Label: string; Explanation: string }[];
    assert.deepEqual(
      { Label: row?.Label, Explanation: row?.Explanation },
      { Label: 'good \uFFFD', Explanation: 'the emoji was cut \uFFFD' },
    );
  });

  it('stores an array, finding the run of each trace that has one when none is given', async () => {
    const response = await postScores([
      { name: 'thumbs', value: 1, traceId: RUN_TRACE_ID },
      { name: 'thumbs', value: 0, label: 'down', traceId: TRACE_ID, spanId: null },
    ]);
    assert.deepEqual(await response.json(), { accepted: 2 });
    const rows = (await scoreRows('thumbs')) as { TraceId: string; RunId: string; Source: string }[];
    assert.deepEqual(
      rows.map(({ TraceId, RunId, Source }) => ({ TraceId, RunId, Source })),
      [
        { TraceId: TRACE_ID, RunId: '', Source: '' },
        { TraceId: RUN_TRACE_ID, RunId: 'run-42', Source: '' },
      ],
    );
  });

  for (const [label, body, field, pattern] of [
    ['no value and no label', { name: 'x', traceId: TRACE_ID }, 'body.value', /value, a label/],
    ['a value that is not a number', { name: 'x', value: '0.5', traceId: TRACE_ID }, 'body.value', /finite/],
    ['an infinite value', `{"name":"x","value":1e400,"traceId":"${TRACE_ID}"}`, 'body.value', /Infinity/],
    ['a short trace id', { name: 'x', value: 1, traceId: 'abc' }, 'body.traceId', /32 hex/],
    [
      'an all-zero trace id',
      { name: 'x', value: 1, traceId: '0'.repeat(32) },
      'body.traceId',
      /not all zero/,
    ],
    ['no trace id', { name: 'x', value: 1 }, 'body.traceId', /required/],
    ['a bad span id', { name: 'x', value: 1, traceId: TRACE_ID, spanId: 'xyz' }, 'body.spanId', /16 hex/],
    [
      'an unknown source',
      { name: 'x', value: 1, traceId: TRACE_ID, source: 'robot' },
      'body.source',
      /human, llm, code/,
    ],
    ['an empty name', { name: ' ', value: 1, traceId: TRACE_ID }, 'body.name', /required/],
    ['an unknown field', { name: 'x', value: 1, trace_id: TRACE_ID }, 'body.trace_id', /unknown field/],
    [
      'a bad entry in an array',
      [
        { name: 'x', value: 1, traceId: TRACE_ID },
        { name: 'x', traceId: TRACE_ID },
      ],
      'body[1].value',
      /value/,
    ],
    ['an empty array', [], 'body', /1 to 1000/],
    [
      'a timestamp that is not RFC 3339',
      { name: 'x', value: 1, traceId: TRACE_ID, timestamp: '27/11/2026' },
      'body.timestamp',
      /RFC 3339/,
    ],
    [
      'a timestamp storage cannot hold',
      { name: 'x', value: 1, traceId: TRACE_ID, timestamp: '2300-01-01T00:00:00Z' },
      'body.timestamp',
      /year 2262/,
    ],
    ['text that is not JSON', '{"name":', 'body', /not valid JSON/],
  ] as const) {
    it(`answers 400 naming the field for ${label}, storing nothing`, async () => {
      const response = await postScores(body);
      assert.equal(response.status, 400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'INVALID_PARAMETER');
      assert.ok(error.message.startsWith(`${field}: `), error.message);
      assert.match(error.message, pattern);
      assert.deepEqual(await scoreRows('x'), []);
    });
  }

  it('stores a resent score with the same timestamp once, keeping its time to the nanosecond', async () => {
    const score = {
      name: 'resent',
      value: 0.5,
      traceId: TRACE_ID,
      timestamp: '2026-11-27T10:15:30.123456789+01:00',
    };
    for (let attempt = 0; attempt < 2; attempt += 1) assert.equal((await postScores(score)).status, 200);
    const result = await collector.sql.query({
      query: `SELECT toString(Timestamp) AS time FROM otel.genai_scores WHERE Name = 'resent'`,
      format: 'JSONEachRow',
    });
    assert.deepEqual(await result.json(), [{ time: '2026-11-27 09:15:30.123456789' }]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await postScores('name=x', 'application/x-www-form-urlencoded');
    assert.equal(response.status, 415);
  });
});
