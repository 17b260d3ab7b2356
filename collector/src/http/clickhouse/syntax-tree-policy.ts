import { clickHouseRefusal } from './clickhouse-error-codes.js';
import { walkAst, type AstNode } from './explain-ast.js';
import type { FunctionCatalog } from './function-catalog.js';
import { assertNotATable, assertReadableTable, type TableAccessContext } from './table-access-policy.js';

/**
 * The kinds of node a read's syntax tree may hold: those of SELECT and its clauses, of the
 * read statements, and nothing else. A kind whose EXPLAIN AST line hides what it does is left
 * out on purpose: `COLUMNS(…) APPLY(f)` names its function nowhere in the tree, `SETTINGS`
 * (`Set`) shows no setting.
 */
const READ_NODE_KINDS: ReadonlySet<string> = new Set([
  'SelectWithUnionQuery',
  'SelectIntersectExceptQuery',
  'SelectQuery',
  'ExpressionList',
  'Literal',
  'Identifier',
  'Function',
  'Asterisk',
  'QualifiedAsterisk',
  'ColumnsRegexpMatcher',
  'QualifiedColumnsRegexpMatcher',
  'ColumnsListMatcher',
  'QualifiedColumnsListMatcher',
  'ColumnsTransformerList',
  'ColumnsExceptTransformer',
  'ColumnsReplaceTransformer',
  'ColumnsReplaceTransformer::Replacement',
  'TablesInSelectQuery',
  'TablesInSelectQueryElement',
  'TableExpression',
  'TableIdentifier',
  'TableJoin',
  'ArrayJoin',
  'OrderByElement',
  'InterpolateElement',
  'WindowDefinition',
  'WindowListElement',
  'WithElement',
  'Subquery',
  'SampleRatio',
]);

/**
 * Table functions that only make up rows (or, `view`, wrap a query checked like any other).
 * Every other one reads something the collector's tables do not hold — files and URLs on or
 * near the collector's host (file, url, s3, remote, mysql, …) — or reads tables around the
 * project filters (merge, cluster, loop).
 */
const ROW_GENERATING_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'numbers',
  'numbers_mt',
  'zeros',
  'zeros_mt',
  'values',
  'generateSeries',
  'generate_series',
  'null',
  'view',
]);

/** `x IN t` names a table directly; the filters are only proven for `x IN (SELECT … FROM t)`. */
const IN_FUNCTIONS: ReadonlySet<string> = new Set([
  'in',
  'notIn',
  'globalIn',
  'globalNotIn',
  'nullIn',
  'notNullIn',
  'globalNullIn',
  'globalNotNullIn',
]);

export interface SyntaxTreeOptions extends TableAccessContext {
  functions: FunctionCatalog;
  /** A project key's read: tables and `IN table` are checked too. */
  scoped: boolean;
}

/**
 * Refuses what a read's syntax tree (the engine's own parse, not the text, which quoting,
 * comments and parameters can disguise) may not contain, whoever asks:
 * - any kind of node outside {@link READ_NODE_KINDS};
 * - table functions other than row generators, and functions outside the computing ones of
 *   the engine's catalog (function-allow-list.ts): nothing reads files, URLs, dictionaries or
 *   other servers (embedded, those would be the collector host's own files);
 * and for a project key also any table but the project tables and the shared schema tables,
 * and `x IN table`.
 */
export async function enforceSyntaxTree(statement: AstNode, options: SyntaxTreeOptions): Promise<void> {
  const tables: string[] = [];
  const inTables: string[] = [];
  for (const { node, parent } of walkAst(statement)) {
    if (node === statement) continue; // the statement itself is statement-policy.ts's to judge
    if (!READ_NODE_KINDS.has(node.name)) {
      denied(`${describeKind(node.name)} is not accepted here`);
    }
    if (node.name === 'Function') {
      const name = firstWord(node.detail);
      if (parent?.name === 'TableExpression') {
        if (!ROW_GENERATING_TABLE_FUNCTIONS.has(name)) {
          denied(`the table function ${name}() is not allowed here: it reads outside the collector's tables`);
        }
      } else if (!options.functions.isAllowed(name)) {
        denied(
          `the function ${name}() is not allowed here: only functions that compute from their arguments are (README, "Read-only SQL")`,
        );
      }
      const inTable = IN_FUNCTIONS.has(name) ? node.children[0]?.children[1] : undefined;
      if (inTable?.name === 'Identifier') inTables.push(firstWord(inTable.detail));
    } else if (node.name === 'TableIdentifier') {
      tables.push(firstWord(node.detail));
    }
  }
  if (!options.scoped) return;
  for (const reference of tables) await assertReadableTable(reference, options);
  for (const reference of inTables) await assertNotATable(reference, options);
}

function describeKind(kind: string): string {
  if (kind === 'Set') return 'a SETTINGS clause (pass settings as URL parameters)';
  if (kind === 'ColumnsApplyTransformer') return 'APPLY (call the function on the columns instead)';
  return `the syntax ${kind}`;
}

/** `otel_traces (alias t)` → `otel_traces`; `file (children 1)` → `file`. */
function firstWord(detail: string): string {
  return detail.split(' ', 1)[0] ?? '';
}

function denied(message: string): never {
  throw clickHouseRefusal('ACCESS_DENIED', message);
}
