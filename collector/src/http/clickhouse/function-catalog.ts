import type { Storage } from '../../storage/storage.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';
import { COMPUTING_CATEGORIES, COMPUTING_OTHER_FUNCTIONS, SYNTAX_FUNCTIONS } from './function-allow-list.js';

interface CatalogEntry {
  name: string;
  aliasTo: string;
  categories: string[];
  caseInsensitive: boolean;
  isAggregate: boolean;
}

/** Which functions a read may call, judged against the engine's own catalog of them. */
export interface FunctionCatalog {
  isAllowed(name: string): boolean;
}

interface FunctionRow {
  name: string;
  alias_to: string;
  categories: string;
  case_insensitive: number;
  is_aggregate: number;
}

/**
 * The engine's function catalog, read once per storage (`system.functions` with the category
 * of each function, and the aggregate combinators such as `-If` and `-State`). A function is
 * allowed by what it is, not by its name: aliases resolve to the function they name, a
 * combined aggregate (`quantilesTDigestIf`) to its base. Anything the catalog does not know is
 * refused.
 */
export function functionCatalogLookup(storage: Storage): () => Promise<FunctionCatalog> {
  let loading: Promise<FunctionCatalog> | undefined;
  return () => {
    loading ??= loadCatalog(storage).catch((error: unknown) => {
      loading = undefined; // a storage hiccup must not refuse every later query
      throw error;
    });
    return loading;
  };
}

async function loadCatalog(storage: Storage): Promise<FunctionCatalog> {
  let rows: FunctionRow[];
  let combinators: Array<{ name: string }>;
  try {
    rows = await storage.queryRows<FunctionRow>(
      'SELECT name, alias_to, categories, case_insensitive, is_aggregate FROM system.functions',
    );
    combinators = await storage.queryRows<{ name: string }>(
      'SELECT name FROM system.aggregate_function_combinators',
    );
  } catch (error) {
    if ((error as { clickhouseType?: string }).clickhouseType !== 'UNKNOWN_IDENTIFIER') throw error;
    throw clickHouseRefusal(
      'NOT_IMPLEMENTED',
      'This ClickHouse server has no function categories (system.functions.categories), which /clickhouse checks every function against; it needs a newer server',
    );
  }
  const exact = new Map<string, CatalogEntry>();
  const folded = new Map<string, CatalogEntry>();
  for (const row of rows) {
    const entry: CatalogEntry = {
      name: row.name,
      aliasTo: row.alias_to,
      categories: row.categories === '' ? [] : row.categories.split(/,\s*/),
      caseInsensitive: Number(row.case_insensitive) === 1,
      isAggregate: Number(row.is_aggregate) === 1,
    };
    exact.set(entry.name, entry);
    if (entry.caseInsensitive) folded.set(entry.name.toLowerCase(), entry);
  }
  // Longest first, so `MergeState` is tried before `State`.
  const suffixes = combinators.map((row) => row.name).sort((a, b) => b.length - a.length);
  const find = (name: string) => exact.get(name) ?? folded.get(name.toLowerCase());
  const resolve = (entry: CatalogEntry) => (entry.aliasTo === '' ? entry : find(entry.aliasTo));
  const computes = (entry: CatalogEntry | undefined): boolean =>
    entry !== undefined &&
    (COMPUTING_OTHER_FUNCTIONS.has(entry.name) ||
      (entry.categories.length > 0 &&
        entry.categories.every((category) => COMPUTING_CATEGORIES.has(category))));
  const isAllowed = (name: string, depth = 0): boolean => {
    if (SYNTAX_FUNCTIONS.has(name)) return true;
    const entry = find(name);
    if (entry !== undefined) return computes(resolve(entry));
    if (depth > 4) return false;
    // An aggregate with combinators: sumIf, uniqExactState, quantilesMergeState, …
    return suffixes.some((suffix) => {
      if (name.length <= suffix.length || !name.endsWith(suffix)) return false;
      const base = name.slice(0, -suffix.length);
      const baseEntry = find(base);
      const aggregate = baseEntry === undefined || (resolve(baseEntry)?.isAggregate ?? false);
      return aggregate && isAllowed(base, depth + 1);
    });
  };
  return { isAllowed: (name) => isAllowed(name) };
}
