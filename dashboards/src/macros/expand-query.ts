import { expandBackendMacros, type QueryContext } from './backend-macros.js';
import { applyConditionalAll } from './conditional-all.js';
import { substituteVariables } from './substitute-variables.js';
import type { TemplateValues } from './template-values.js';

/**
 * The SQL the ClickHouse plugin sends for a panel or variable query, in the plugin's order:
 * `$__conditionalAll` (frontend), then variable substitution with the plugin's formatter
 * (Grafana's template service), then the time and interval macros (backend).
 */
export function expandQuery(sql: string, values: TemplateValues, context: QueryContext): string {
  return expandBackendMacros(substituteVariables(applyConditionalAll(sql, values), values), context);
}
