import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseStorage } from '../../storage/clickhouse-storage.js';
import { openStorage } from '../../storage/open-storage.js';
import { functionCatalogLookup, type FunctionCatalog } from './function-catalog.js';

describe("the function check, against the engine's own catalog", () => {
  let dir: string;
  let storage: ClickHouseStorage;
  let catalog: FunctionCatalog;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-function-catalog-'));
    storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'default' });
    catalog = await functionCatalogLookup(storage)();
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('allows functions that compute, under any spelling the engine accepts', () => {
    for (const name of [
      'plus',
      'toStartOfInterval',
      'JSONExtractString',
      'arrayMap',
      'COUNT', // case-insensitive in ClickHouse
      'date_diff', // an alias of dateDiff
      'countIf', // an aggregate with a combinator
      'quantilesTDigestMergeStateIf', // several combinators
      'row_number',
      'lambda',
      '_CAST',
      'version',
      'formatReadableSize',
    ]) {
      assert.equal(catalog.isAllowed(name), true, name);
    }
  });

  it('refuses functions that read outside the query, and names the engine does not know', () => {
    for (const name of [
      'file',
      'dictGet',
      'dictGetString',
      'joinGet',
      'getClientHTTPHeader',
      'getServerSetting',
      'getMacro',
      'filesystemAvailable',
      'catboostEvaluate',
      'aiGenerate',
      'naiveBayesClassifier',
      'regionToName',
      'addressToSymbol',
      '__getScalar',
      'fileIf', // a combinator on something that is not an aggregate
      'lowerState',
      'noSuchFunction',
    ]) {
      assert.equal(catalog.isAllowed(name), false, name);
    }
  });
});
