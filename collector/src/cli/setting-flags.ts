import { parseArgs } from 'node:util';
import type { Setting } from '../config/settings.js';

export interface ParsedFlags {
  /** Values by flag name, e.g. `--port` → `4319`. */
  values: Map<string, string>;
  positionals: string[];
  help: boolean;
}

/**
 * Parses `--flag value` / `--flag=value` for the given settings plus `--help`; an unknown flag
 * throws with node's own message, which names the flag.
 */
export function parseSettingFlags(argv: string[], settings: readonly Setting<unknown>[]): ParsedFlags {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const setting of settings) options[setting.flag.replace(/^--/, '')] = { type: 'string' };
  const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') values.set(`--${name}`, value);
  }
  return { values, positionals: parsed.positionals, help: parsed.values['help'] === true };
}

/** One help line per setting: flag, variable, default and meaning. */
export function describeSettings(settings: readonly Setting<unknown>[]): string {
  return settings
    .map((s) => {
      const fallback = s.defaultValue === undefined ? 'unset' : s.defaultValue;
      return `  ${s.flag.padEnd(22)} ${s.env.padEnd(28)} ${s.description} (default: ${fallback})`;
    })
    .join('\n');
}
