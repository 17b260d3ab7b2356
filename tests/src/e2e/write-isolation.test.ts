import type { Storage } from '@ragtrace/collector';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const LOOKUP_BUG_SERVICE = 'breaks-the-lookup';
const INSERT_BUG_SERVICE = 'breaks-the-insert';

/**
 * Storage with a bug that only some rows trigger: the stored-span look-up throws a TypeError for
 * a batch holding spans of LOOKUP_BUG_SERVICE, the insert for rows of INSERT_BUG_SERVICE. Neither
 * is an outage, so neither may cost the other requests of the batch their data.
 */
function withRowTriggeredBugs(storage: Storage): Storage {
  const queryRows: Storage['queryRows'] = (query, params, settings) => {
    const services = params?.['services'];
    if (Array.isArray(services) && services.includes(LOOKUP_BUG_SERVICE)) {
      return Promise.reject(new TypeError("Cannot read properties of undefined (reading 'TraceId')"));
    }
    return storage.queryRows(query, params, settings);
  };
  const insertRows: Storage['insertRows'] = (table, rows) => {
    if (rows.some((row) => (row as { ServiceName?: string }).ServiceName === INSERT_BUG_SERVICE)) {
      return Promise.reject(new TypeError('Do not know how to serialize a BigInt'));
    }
    return storage.insertRows(table, rows);
  };
  return new Proxy(storage, {
    get(target, property) {
      if (property === 'queryRows') return queryRows;
      if (property === 'insertRows') return insertRows;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function spansOf(service: string, spanId: string): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '5b8efff798038103d269b633813fc60c',
                spanId,
                name: 'op',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000500000000',
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('a write that fails for a reason of its own fails alone, answered 400, and the batch is stored', () => {
  let collector: TestCollector;
  before(async () => {
    // A long batch delay, so the concurrent requests below share one insert.
    collector = await startTestCollector(
      { RAGTRACE_BATCH_MAX_DELAY_MS: '300' },
      { wrapStorage: withRowTriggeredBugs },
    );
  });
  after(() => collector.stop());

  const post = (body: string) =>
    fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });

  const storedServices = async () => {
    const result = await collector.sql.query({
      query: 'SELECT ServiceName FROM otel.otel_traces ORDER BY ServiceName',
      format: 'JSONEachRow',
    });
    return (await result.json<{ ServiceName: string }>()).map((row) => row.ServiceName);
  };

  for (const [label, service, spanNumber] of [
    ['look-up before the insert', LOOKUP_BUG_SERVICE, 1],
    ['insert itself', INSERT_BUG_SERVICE, 2],
  ] as const) {
    it(`when the ${label} throws`, async () => {
      const id = (n: number) => `${spanNumber}${String(n).padStart(15, '0')}`;
      const responses = await Promise.all([
        post(spansOf(`good-${spanNumber}-a`, id(1))),
        post(spansOf(service, id(2))),
        post(spansOf(`good-${spanNumber}-b`, id(3))),
      ]);
      assert.deepEqual(
        responses.map((response) => response.status),
        [200, 400, 200],
      );
      const refusal = (await responses[1]!.json()) as { message: string };
      assert.match(refusal.message, /could not be stored: TypeError/);
      const stored = await storedServices();
      assert.ok(
        stored.includes(`good-${spanNumber}-a`) && stored.includes(`good-${spanNumber}-b`),
        `${stored}`,
      );
      assert.ok(!stored.includes(service));
    });
  }
});
