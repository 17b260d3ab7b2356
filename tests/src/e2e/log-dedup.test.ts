import {
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

/** An OTLP/JSON logs request carrying one evaluation result, as an evaluator would send it. */
function evaluationRequest(name: string, score: number): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'evaluator' } }] },
        scopeLogs: [
          {
            scope: { name: 'evals' },
            logRecords: [
              {
                timeUnixNano: '1700000000123456789',
                eventName: EVENT_GEN_AI_EVALUATION_RESULT,
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                attributes: [
                  { key: ATTR_GEN_AI_EVALUATION_NAME, value: { stringValue: name } },
                  { key: ATTR_GEN_AI_EVALUATION_SCORE_VALUE, value: { doubleValue: score } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('a resent /v1/logs request', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  const post = async (body: string) => {
    const response = await fetch(`${collector.url}/v1/logs`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.status, 200);
    await response.arrayBuffer();
  };
  const rows = async (query: string, name: string) => {
    const result = await collector.sql.query({ query, query_params: { name }, format: 'JSONEachRow' });
    return result.json<Record<string, unknown>>();
  };

  it('stores its evaluation event once, and its score counts once', async () => {
    // The client resends after a lost response: the same request, byte for byte.
    await post(evaluationRequest('faithfulness', 0.5));
    await post(evaluationRequest('faithfulness', 0.5));
    // A different score for the same span at the same instant is a record of its own.
    await post(evaluationRequest('faithfulness', 1));

    const logs = await rows(
      `SELECT LogAttributes['${ATTR_GEN_AI_EVALUATION_SCORE_VALUE}'] AS value, count() AS copies
       FROM otel.otel_logs WHERE LogAttributes['${ATTR_GEN_AI_EVALUATION_NAME}'] = {name:String}
       GROUP BY value ORDER BY value`,
      'faithfulness',
    );
    assert.deepEqual(
      logs.map((row) => [row['value'], Number(row['copies'])]),
      [
        ['0.5', 1],
        ['1', 1],
      ],
    );
    const scores = await rows(
      `SELECT count() AS scores, avg(Value) AS average FROM otel.genai_scores WHERE Name = {name:String}`,
      'faithfulness',
    );
    assert.deepEqual(
      scores.map((row) => [Number(row['scores']), Number(row['average'])]),
      [[2, 0.75]],
    );

    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    assert.match(metrics, /^ragtrace_deduplicated_log_records_total 1$/m);
  });
});
