import { macroArguments } from './macro-arguments.js';

/** What the plugin's backend knows about a query when it expands its macros. */
export interface QueryContext {
  from: Date;
  to: Date;
  /** Grafana's `$__interval` for the panel, in milliseconds. */
  intervalMs: number;
}

const seconds = (time: Date) => Math.floor(time.getTime() / 1000);
const dateTime = (time: Date) => `toDateTime(${seconds(time)})`;
const dateTime64 = (time: Date) => `fromUnixTimestamp64Milli(${time.getTime()})`;
const date = (time: Date) => `toDate('${time.toISOString().slice(0, 10)}')`;
/** The backend never groups by less than one second (or millisecond). */
const intervalSeconds = (context: QueryContext) => Math.max(Math.floor(context.intervalMs / 1000), 1);
const intervalMillis = (context: QueryContext) => Math.max(Math.floor(context.intervalMs), 1);

interface Macro {
  arity: number;
  render(context: QueryContext, args: readonly string[]): string;
}

const constant = (render: (context: QueryContext) => string): Macro => ({ arity: 0, render });
const onColumn = (render: (context: QueryContext, column: string) => string): Macro => ({
  arity: 1,
  render: (context, [column]) => render(context, column!),
});

/** The plugin backend's macros (pkg/macros), by name. */
const MACROS: Record<string, Macro> = {
  fromTime: constant((context) => dateTime(context.from)),
  toTime: constant((context) => dateTime(context.to)),
  fromTime_ms: constant((context) => dateTime64(context.from)),
  toTime_ms: constant((context) => dateTime64(context.to)),
  interval_s: constant((context) => String(intervalSeconds(context))),
  timeFilter: onColumn(
    (context, column) => `${column} >= ${dateTime(context.from)} AND ${column} <= ${dateTime(context.to)}`,
  ),
  timeFilter_ms: onColumn(
    (context, column) =>
      `${column} >= ${dateTime64(context.from)} AND ${column} <= ${dateTime64(context.to)}`,
  ),
  dateFilter: onColumn(
    (context, column) => `${column} >= ${date(context.from)} AND ${column} <= ${date(context.to)}`,
  ),
  timeInterval: onColumn(
    (context, column) =>
      `toStartOfInterval(toDateTime(${column}), INTERVAL ${intervalSeconds(context)} second)`,
  ),
  timeInterval_ms: onColumn(
    (context, column) =>
      `toStartOfInterval(toDateTime64(${column}, 3), INTERVAL ${intervalMillis(context)} millisecond)`,
  ),
};

const MACRO_NAME = /\$__(\w+)/g;

/**
 * Expands the macros the plugin's backend handles, after the frontend substituted variables.
 * Arguments are trimmed; a macro that is not one of the plugin's is an error here, as it would be
 * an SQL error on the server.
 */
export function expandBackendMacros(sql: string, context: QueryContext): string {
  let expanded = '';
  let cursor = 0;
  for (const match of sql.matchAll(MACRO_NAME)) {
    const start = match.index;
    if (start < cursor) continue;
    const name = match[1]!;
    const macro = MACROS[name];
    if (macro === undefined) throw new Error(`unknown macro $__${name}`);
    let end = start + match[0].length;
    let args: string[] = [];
    if (sql[end] === '(') {
      const call = macroArguments(sql, end);
      if (call === undefined) throw new Error(`unclosed $__${name}(`);
      args = call.args.map((arg) => arg.trim());
      end = call.end;
    }
    // Macros without arguments take none; the others need exactly theirs, as in the plugin.
    if (macro.arity > 0 && args.length !== macro.arity) {
      throw new Error(`$__${name}: expected ${macro.arity} argument(s), received ${args.length}`);
    }
    expanded += sql.slice(cursor, start) + macro.render(context, args);
    cursor = end;
  }
  return expanded + sql.slice(cursor);
}
