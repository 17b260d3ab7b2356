import { ConfigError } from './config-error.js';

/**
 * One configuration setting: its environment variable, the CLI flag mirroring it, a default,
 * and a parser that throws ConfigError naming what it accepts.
 */
export interface Setting<T> {
  env: string;
  flag: string;
  description: string;
  /** Shown in help; `undefined` when the setting is unset by default. */
  defaultValue: string | undefined;
  parse(raw: string, source: string): T;
}

/** A setting that always has a value: its default applies when neither flag nor variable is set. */
export type DefaultedSetting<T> = Setting<T> & { defaultValue: string };

export function integerSetting(
  env: string,
  flag: string,
  description: string,
  defaultValue: number,
  min: number,
  max: number,
): DefaultedSetting<number> {
  return {
    env,
    flag,
    description,
    defaultValue: String(defaultValue),
    parse(raw, source) {
      const value = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
        throw new ConfigError(source, raw, `an integer from ${min} to ${max}`);
      }
      return value;
    },
  };
}

/** A setting that takes one of a few fixed words. */
export function choiceSetting<T extends string>(
  env: string,
  flag: string,
  description: string,
  defaultValue: NoInfer<T>,
  choices: readonly T[],
): DefaultedSetting<T> {
  return {
    env,
    flag,
    description,
    defaultValue,
    parse(raw, source) {
      const choice = choices.find((each) => each === raw);
      if (choice === undefined) throw new ConfigError(source, raw, `one of ${choices.join(', ')}`);
      return choice;
    },
  };
}

/** One of a few fixed words, or unset (the default is then derived from other settings). */
export function optionalChoiceSetting<T extends string>(
  env: string,
  flag: string,
  description: string,
  choices: readonly T[],
): Setting<T> {
  return { ...choiceSetting<T>(env, flag, description, choices[0]!, choices), defaultValue: undefined };
}

export function stringSetting(
  env: string,
  flag: string,
  description: string,
  defaultValue: string,
  pattern: RegExp,
  accepted: string,
): DefaultedSetting<string> {
  return { ...optionalStringSetting(env, flag, description, pattern, accepted), defaultValue };
}

/** A string setting that is unset unless given (its absence means "feature off"). */
export function optionalStringSetting(
  env: string,
  flag: string,
  description: string,
  pattern: RegExp,
  accepted: string,
): Setting<string> {
  return {
    env,
    flag,
    description,
    defaultValue: undefined,
    parse(raw, source) {
      if (!pattern.test(raw)) throw new ConfigError(source, raw, accepted);
      return raw;
    },
  };
}

export function urlSetting(env: string, flag: string, description: string): Setting<URL> {
  return {
    env,
    flag,
    description,
    defaultValue: undefined,
    parse(raw, source) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigError(source, raw, 'an http:// or https:// URL such as http://user:pass@host:8123');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new ConfigError(source, raw, 'an http:// or https:// URL such as http://user:pass@host:8123');
      }
      return url;
    },
  };
}

/**
 * The setting's value: from its flag, else its environment variable, else its default. Errors
 * name where the bad value came from (`RAGTRACE_PORT` or `--port`).
 */
export function resolveSetting<T>(
  setting: DefaultedSetting<T>,
  env: NodeJS.ProcessEnv,
  flags: ReadonlyMap<string, string>,
): T;
export function resolveSetting<T>(
  setting: Setting<T>,
  env: NodeJS.ProcessEnv,
  flags: ReadonlyMap<string, string>,
): T | undefined;
export function resolveSetting<T>(
  setting: Setting<T>,
  env: NodeJS.ProcessEnv,
  flags: ReadonlyMap<string, string>,
): T | undefined {
  const fromFlag = flags.get(setting.flag);
  if (fromFlag !== undefined) return setting.parse(fromFlag, setting.flag);
  const fromEnv = env[setting.env];
  if (fromEnv !== undefined && fromEnv !== '') return setting.parse(fromEnv, setting.env);
  return setting.defaultValue === undefined ? undefined : setting.parse(setting.defaultValue, setting.env);
}
