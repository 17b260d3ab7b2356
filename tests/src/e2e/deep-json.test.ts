import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const LEVELS = 200_000;

/** `open` `levels` times, then `inside`, then `close` as many times: JSON nested that deep. */
const nested = (open: string, inside: string, close: string, levels = LEVELS): string =>
  `${open.repeat(levels)}${inside}${close.repeat(levels)}`;

const TRACE_ID = '5b8efff798038103d269b633813fc60c';

/** One OTLP/JSON span of `service` with the given attribute values. */
function spanRequest(service: string, attributes: Record<string, string>): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE_ID,
                spanId: 'eee19b7ec3c1b174',
                name: 'op',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000500000000',
                attributes: Object.entries(attributes).map(([key, value]) => ({
                  key,
                  value: { stringValue: value },
                })),
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('JSON nested 200,000 levels deep is refused with 400 naming where, and costs nothing else', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  const send = async (method: string, path: string, body: string) => {
    const response = await fetch(`${collector.url}${path}`, {
      method,
      body,
      headers: { 'content-type': 'application/json' },
    });
    return { status: response.status, text: await response.text() };
  };

  const attributeValue = nested('{"arrayValue":{"values":[', '{"stringValue":"x"}', ']}}');
  for (const [path, body, message] of [
    ['/v1/traces', nested('[', '', ']'), /expected an object, got \[\[\[/],
    ['/v1/traces', `{"resourceSpans":${nested('[', '', ']')}}`, /resourceSpans\[0\]: expected an object/],
    [
      '/v1/traces',
      spanRequest('deep', {}).replace(
        '"attributes":[]',
        `"attributes":[{"key":"k","value":${attributeValue}}]`,
      ),
      /values nested more than 64 levels deep/,
    ],
    [
      '/v1/logs',
      `{"resourceLogs":[{"scopeLogs":${nested('[', '', ']')}}]}`,
      /scopeLogs\[0\]: expected an object/,
    ],
  ] as const) {
    it(`POST ${path} ${body.slice(0, 40)}…`, async () => {
      const { status, text } = await send('POST', path, body);
      assert.equal(status, 400, text);
      assert.match((JSON.parse(text) as { message: string }).message, message);
    });
  }

  for (const [method, path, body, parameter] of [
    ['POST', '/api/runs', `{"id":${nested('[', '', ']')}}`, 'body.id'],
    ['POST', '/api/scores', `{"name":"x","value":1,"traceId":${nested('{"a":', '1', '}')}}`, 'body.traceId'],
    // As deep as the prices route's 16 KiB body limit allows: JSON.stringify gives up at 5,000.
    ['PUT', '/api/prices', `{"validFrom":${nested('[', '', ']', 8_000)}}`, 'validFrom'],
  ] as const) {
    it(`${method} ${path} with ${parameter} nested deep`, async () => {
      const { status, text } = await send(method, path, body);
      assert.equal(status, 400, text);
      const { error } = JSON.parse(text) as { error: { code: string; message: string } };
      assert.equal(error.code, 'INVALID_PARAMETER');
      assert.ok(error.message.startsWith(`${parameter}: `), error.message);
    });
  }

  it('stores a span whose attribute holds JSON nested that deep, leaving it as sent', async () => {
    const deep = nested('[', '', ']');
    const body = spanRequest('deep-attribute', {
      'mlflow.spanType': '"CHAT_MODEL"',
      'mlflow.spanInputs': deep,
    });
    const { status, text } = await send('POST', '/v1/traces', body);
    assert.equal(status, 200, text);
    const stored = await collector.sql.query({
      query: `SELECT length(SpanAttributes['mlflow.spanInputs']) AS length, SpanAttributes['mlflow.spanInputs'] LIKE '[[[%]]]' AS nested
              FROM otel.otel_traces WHERE ServiceName = 'deep-attribute'`,
      format: 'JSONEachRow',
    });
    assert.deepEqual(await stored.json(), [{ length: deep.length, nested: 1 }]);
  });
});
