/**
 * A variable's current value as Grafana holds it: one string (single-value and textbox
 * variables), a list (multi-value selections), or "All" (Grafana's `$__all`) with the options it
 * stands for.
 */
export type TemplateValue = string | readonly string[] | { all: true; options: readonly string[] };

export type TemplateValues = Readonly<Record<string, TemplateValue>>;

export function isAll(value: TemplateValue): value is { all: true; options: readonly string[] } {
  return typeof value === 'object' && !Array.isArray(value);
}
