import { macroArguments } from './macro-arguments.js';
import { isAll, type TemplateValues } from './template-values.js';

const MACRO = '$__conditionalAll(';

/**
 * `$__conditionalAll(condition, $var)`, which the plugin's frontend expands before it substitutes
 * variables: `1=1` when the variable is "All" or empty, the condition otherwise. Like the plugin,
 * it works from the last call backwards (so calls nested in a condition expand too) and leaves the
 * query as it is at a call without exactly two arguments.
 */
export function applyConditionalAll(sql: string, values: TemplateValues): string {
  let expanded = sql;
  let index = expanded.lastIndexOf(MACRO);
  while (index !== -1) {
    const call = macroArguments(expanded, index + MACRO.length - 1);
    if (call === undefined || call.args.length !== 2) return expanded;
    const [condition, variable] = call.args as [string, string];
    const value = values[variable.trim().replace(/^\$/, '')];
    // An unknown variable keeps the condition: the plugin compares `undefined` with '' and '$__all'.
    const selectsEverything =
      value !== undefined && (isAll(value) || (Array.isArray(value) ? value.join(',') : value) === '');
    expanded = expanded.slice(0, index) + (selectsEverything ? '1=1' : condition) + expanded.slice(call.end);
    index = expanded.lastIndexOf(MACRO);
  }
  return expanded;
}
