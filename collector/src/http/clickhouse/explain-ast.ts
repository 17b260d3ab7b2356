import type { Storage } from '../../storage/storage.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';

/** One node of ClickHouse's `EXPLAIN AST` output: `Function file (children 1)` is name `Function`, detail `file`. */
export interface AstNode {
  name: string;
  detail: string;
  children: AstNode[];
}

const AST_LINE = /^( *)(\S+)(?: (.*))?$/;
const CHILD_COUNT = /\(children (\d+)\)$/;

/** How the query will run: the syntax tree is taken under exactly the same conditions. */
export interface ExplainContext {
  database: string;
  /** `{name:Type}` values: an Identifier parameter then shows as the table it names. */
  queryParams: Record<string, string>;
  settings: Record<string, string>;
}

/**
 * The query's syntax tree as the engine's own parser builds it. Nothing runs: EXPLAIN AST only
 * parses. A FORMAT clause in `sql` stays in the tree (as its last child), the tree itself
 * comes back as TabSeparatedRaw; if an engine took that FORMAT for the EXPLAIN's own output
 * instead, the answer would not read as a tree and the query would be refused.
 */
export async function explainAst(storage: Storage, sql: string, context: ExplainContext): Promise<AstNode> {
  const result = await storage.rawQuery({
    query: `EXPLAIN AST ${sql}`,
    database: context.database,
    defaultFormat: 'TabSeparatedRaw',
    readonly: true,
    queryParams: context.queryParams,
    settings: context.settings,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of result.stream) chunks.push(chunk as Buffer);
  return parseAst(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Builds the tree from the indentation: one space per level, one node per line. Aliases are
 * printed as written, so one holding a newline could add lines that look like nodes; every
 * node's `(children N)` must then match the children found under it, or the query is refused
 * as uncheckable. Added lines cannot remove or re-parent the real ones without breaking a count.
 */
export function parseAst(text: string): AstNode {
  const root: AstNode = { name: '', detail: '', children: [] };
  const path: AstNode[] = [root];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = AST_LINE.exec(line);
    const depth = match?.[1]?.length ?? Number.POSITIVE_INFINITY;
    if (!match || depth > path.length - 1) {
      throw clickHouseRefusal(
        'ACCESS_DENIED',
        'The query could not be checked: its syntax tree is not readable',
      );
    }
    const node: AstNode = { name: match[2]!, detail: match[3] ?? '', children: [] };
    path.length = depth + 1;
    path[depth]!.children.push(node);
    path.push(node);
  }
  for (const { node } of walkAst(root)) {
    if (node === root) continue;
    const declared = Number(CHILD_COUNT.exec(node.detail)?.[1] ?? 0);
    if (declared !== node.children.length) {
      throw clickHouseRefusal(
        'ACCESS_DENIED',
        'The query could not be checked: its syntax tree is not readable',
      );
    }
  }
  const [statement] = root.children;
  if (statement === undefined || root.children.length > 1) {
    throw clickHouseRefusal('ACCESS_DENIED', 'The query could not be checked: expected one statement');
  }
  return statement;
}

/** Every node of the tree with its parent, depth first in output order. */
export function* walkAst(
  node: AstNode,
  parent?: AstNode,
): Generator<{ node: AstNode; parent: AstNode | undefined }> {
  yield { node, parent };
  for (const child of node.children) yield* walkAst(child, node);
}
