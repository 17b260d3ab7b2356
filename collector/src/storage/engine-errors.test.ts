import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseStorage } from './clickhouse-storage.js';
import { openStorage } from './open-storage.js';
import { ClickHouseQueryError } from './storage-errors.js';

describe("the engine's refusals keep ClickHouse's code and name", () => {
  let dataDir: string;
  let storage: ClickHouseStorage;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ragtrace-engine-errors-'));
    storage = await openStorage({ kind: 'embedded', dataDir, database: 'default' });
  });
  after(async () => {
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function refusal(sql: string): Promise<ClickHouseQueryError> {
    const error = await storage.queryRows(sql).then(
      () => assert.fail(`${sql} was accepted`),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ClickHouseQueryError, String(error));
    return error;
  }

  it('names a syntax error SYNTAX_ERROR even when it quotes a parenthesised keyword from the query', async () => {
    // ClickHouse words this "failed at position 11 (SELECT): …"; the capitals in brackets used
    // to be taken for the exception's name, which turned a 400 into a 500 on /clickhouse.
    const error = await refusal('UNION ALL SELECT');
    assert.equal(error.clickhouseCode, 62);
    assert.equal(error.clickhouseType, 'SYNTAX_ERROR');
    assert.match(error.message, /^Syntax error: failed at position 11 \(SELECT\)/);
  });

  it('keeps the name of other exceptions', async () => {
    const error = await refusal('SELECT * FROM default.no_such_table');
    assert.equal(error.clickhouseCode, 60);
    assert.equal(error.clickhouseType, 'UNKNOWN_TABLE');
  });
});
