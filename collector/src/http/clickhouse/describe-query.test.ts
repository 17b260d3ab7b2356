import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeQuery } from './describe-query.js';

describe('describeQuery', () => {
  it('finds a trailing FORMAT clause, also before SETTINGS and across newlines', () => {
    assert.equal(describeQuery('SELECT 1 FORMAT JSON').format, 'JSON');
    assert.equal(describeQuery('SELECT 1\nFORMAT JSONEachRow').format, 'JSONEachRow');
    assert.equal(describeQuery('SELECT 1 FORMAT CSV SETTINGS max_threads = 1').format, 'CSV');
    assert.equal(describeQuery('SELECT 1 SETTINGS max_threads = 1 FORMAT `TSV`').format, 'TSV');
    assert.equal(describeQuery('select 1 format Vertical;').format, 'Vertical');
  });

  it('does not take a column, function, string or subquery named format for the clause', () => {
    assert.equal(describeQuery('SELECT format FROM t').format, undefined);
    assert.equal(describeQuery("SELECT format('{}', 1)").format, undefined);
    assert.equal(describeQuery("SELECT 'FORMAT JSON'").format, undefined);
    assert.equal(describeQuery('SELECT * FROM (SELECT 1 FORMAT JSON)').format, undefined);
    assert.equal(describeQuery('SELECT 1 -- FORMAT JSON').format, undefined);
  });

  it('counts statements, ignoring semicolons in strings, identifiers, comments and heredocs', () => {
    assert.equal(describeQuery('SELECT 1;').statementCount, 1);
    assert.equal(describeQuery('SELECT \';\', `a;b`, "c;d" /* ; /* ; */ ; */ -- ;').statementCount, 1);
    assert.equal(describeQuery('SELECT $tag$ ; $tag$, $$;$$').statementCount, 1);
    assert.equal(describeQuery("SELECT 'it''s; \\' ;'").statementCount, 1);
    assert.equal(describeQuery('SELECT 1; SELECT 2').statementCount, 2);
    assert.equal(describeQuery('  -- nothing\n').statementCount, 0);
  });

  it('sees the words ClickHouse sees as code, where a careless scan would see a comment', () => {
    // An exponent's sign is part of the number, so `--` here starts no comment.
    assert.ok(describeQuery('SELECT 1e--1 INSERT').words.has('INSERT'));
    // `#` starts a comment only before a space or `!`.
    assert.ok(describeQuery('SELECT 1 #x\nINSERT').words.has('INSERT'));
    // A dollar without a matching closing tag is not a heredoc.
    assert.ok(describeQuery('SELECT $a$ INSERT').words.has('INSERT'));
    assert.ok(!describeQuery("SELECT 'INSERT' AS `OUTFILE`").words.has('INSERT'));
  });

  it('names the leading keyword, upper-cased, or the opening bracket', () => {
    assert.equal(describeQuery('  /* why */ with x AS (SELECT 1) SELECT * FROM x').leadingKeyword, 'WITH');
    assert.equal(describeQuery('(SELECT 1) UNION ALL (SELECT 2)').leadingKeyword, '(');
  });

  it('stops at INSERT data, which is not SQL', () => {
    const insert = describeQuery('INSERT INTO t FORMAT JSONEachRow\n{"a":"x;y"}\n{"a":"SELECT"}');
    assert.equal(insert.statementCount, 1);
    assert.equal(insert.words.has('SELECT'), false);
    assert.equal(insert.format, undefined);
    assert.equal(describeQuery("INSERT INTO t VALUES ('x;y'), (';')").statementCount, 1);
  });
});
