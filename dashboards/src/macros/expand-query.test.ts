import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandQuery } from './expand-query.js';
import type { TemplateValues } from './template-values.js';

const context = {
  from: new Date('2026-01-02T03:04:05.678Z'),
  to: new Date('2026-01-02T04:04:05.999Z'),
  intervalMs: 30_500,
};
const FROM_S = 1767323045;
const TO_S = 1767326645;

describe('expandQuery (the ClickHouse plugin macros and variable formatting)', () => {
  it('expands the time macros to second and millisecond bounds', () => {
    assert.equal(
      expandQuery('WHERE $__timeFilter(Timestamp) AND t > $__fromTime AND t < $__toTime', {}, context),
      `WHERE Timestamp >= toDateTime(${FROM_S}) AND Timestamp <= toDateTime(${TO_S}) AND t > toDateTime(${FROM_S}) AND t < toDateTime(${TO_S})`,
    );
    assert.equal(
      expandQuery('$__timeFilter_ms( Ts )', {}, context),
      'Ts >= fromUnixTimestamp64Milli(1767323045678) AND Ts <= fromUnixTimestamp64Milli(1767326645999)',
    );
  });

  it('groups by whole seconds of the interval, never below one', () => {
    assert.equal(
      expandQuery('$__timeInterval(Timestamp), $__interval_s', {}, context),
      'toStartOfInterval(toDateTime(Timestamp), INTERVAL 30 second), 30',
    );
    assert.equal(expandQuery('$__interval_s', {}, { ...context, intervalMs: 200 }), '1');
  });

  it('drops a $__conditionalAll condition for "All" and an empty value, keeps it otherwise', () => {
    const sql = 'WHERE $__conditionalAll(Stage IN ($stage), $stage)';
    const cases: [TemplateValues, string][] = [
      [{ stage: { all: true, options: ['embed', 'generate'] } }, 'WHERE 1=1'],
      [{ stage: '' }, 'WHERE 1=1'],
      [{ stage: ['embed'] }, "WHERE Stage IN ('embed')"],
      [{ stage: ['embed', 'generate'] }, "WHERE Stage IN ('embed','generate')"],
    ];
    for (const [values, expected] of cases) assert.equal(expandQuery(sql, values, context), expected);
  });

  it('expands nested calls and keeps commas inside function calls in the condition', () => {
    const sql = "$__conditionalAll(has(splitByChar(',', x), $a), $a) AND $__conditionalAll(y IN ($b), $b)";
    assert.equal(
      expandQuery(sql, { a: 'k', b: { all: true, options: [] } }, context),
      "has(splitByChar(',', x), k) AND 1=1",
    );
  });

  it('formats "All" as the list of every option, and single values unquoted unless :sqlstring', () => {
    const values: TemplateValues = { model: { all: true, options: ['gpt-4o', 'gpt-4o-mini'] }, run: "it's" };
    assert.equal(
      expandQuery('IN ($model) $run ${run} ${run:sqlstring} [[run]]', values, context),
      "IN ('gpt-4o','gpt-4o-mini') it's it's 'it''s' it's",
    );
  });

  it('fails on a macro the plugin does not have, and on a wrong argument count', () => {
    assert.throws(() => expandQuery('$__timeFilters(x)', {}, context), /unknown macro \$__timeFilters/);
    assert.throws(() => expandQuery('$__timeFilter(a, b)', {}, context), /expected 1 argument/);
  });
});
