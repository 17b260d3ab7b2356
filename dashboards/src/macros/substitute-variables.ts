import { isAll, type TemplateValue, type TemplateValues } from './template-values.js';

/** Grafana's variable syntaxes: `$name`, `${name}`, `${name:format}` and the legacy `[[name]]`. */
const VARIABLE_PATTERN = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?::(\w+))?\}/g;

/** The plugin's own formatter: a list becomes `'a','b'`, a single value goes in unquoted. */
function pluginFormat(value: string | readonly string[]): string {
  return Array.isArray(value) ? `'${value.join("','")}'` : (value as string);
}

/** Grafana's `sqlstring` format: each value quoted, inner quotes doubled, joined by commas. */
function sqlStringFormat(value: string | readonly string[]): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return Array.isArray(value) ? value.map(quote).join(',') : quote(value as string);
}

function formatValue(value: TemplateValue, format: string | undefined): string {
  // "All" without a custom all value stands for every option of the variable.
  const resolved = isAll(value) ? value.options : value;
  if (format === undefined) return pluginFormat(resolved);
  if (format === 'sqlstring') return sqlStringFormat(resolved);
  if (format === 'raw') return Array.isArray(resolved) ? resolved.join(',') : (resolved as string);
  throw new Error(`variable format ${format} is not supported by the query expander`);
}

/**
 * Substitutes dashboard variables as Grafana's template service does when the ClickHouse plugin
 * calls it with its formatter. Names that are not variables (the plugin's `$__` macros, Grafana's
 * globals) are left for the next step, as Grafana leaves them.
 */
export function substituteVariables(sql: string, values: TemplateValues): string {
  return sql.replace(
    VARIABLE_PATTERN,
    (
      match,
      plain?: string,
      bracketName?: string,
      bracketFormat?: string,
      braceName?: string,
      braceFormat?: string,
    ) => {
      const name = plain ?? bracketName ?? braceName ?? '';
      const value = values[name];
      return value === undefined ? match : formatValue(value, bracketFormat ?? braceFormat);
    },
  );
}
