import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import { parseAst } from './explain-ast.js';

describe('parseAst', () => {
  it("rebuilds the engine's tree from EXPLAIN AST's indentation", () => {
    const tree = parseAst(
      [
        'SelectWithUnionQuery (children 1)',
        ' ExpressionList (children 1)',
        '  SelectQuery (children 1)',
        '   TablesInSelectQuery (children 1)',
        '    TablesInSelectQueryElement (children 1)',
        '     TableExpression (children 1)',
        '      Function file (children 1)',
        '       ExpressionList (children 1)',
        "        Literal '/etc/hostname'",
        '',
      ].join('\n'),
    );
    const expression = tree.children[0]?.children[0]?.children[0]?.children[0]?.children[0];
    assert.equal(expression?.name, 'TableExpression');
    assert.equal(expression?.children[0]?.detail, 'file (children 1)');
  });

  it('refuses a tree that an alias with a newline added lines to', () => {
    // SELECT 1 AS `x\n   Identifier y` FROM t: the alias ends up as a line of its own.
    const forged = [
      'SelectWithUnionQuery (children 1)',
      ' ExpressionList (children 1)',
      '  SelectQuery (children 1)',
      '   ExpressionList (children 1)',
      '    Literal UInt64_1 (alias x',
      '    Identifier y)',
    ].join('\n');
    assert.throws(
      () => parseAst(forged),
      (error) => error instanceof ClickHouseQueryError && error.clickhouseType === 'ACCESS_DENIED',
    );
  });

  it('refuses output that is not a tree (a FORMAT the check did not cut out)', () => {
    assert.throws(() => parseAst('{"explain": "SelectWithUnionQuery"}\n  deeper (children 1)'));
    assert.throws(() => parseAst('A\nB'));
  });
});
