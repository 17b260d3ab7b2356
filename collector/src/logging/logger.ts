/** Severities, least to most severe; a logger writes its own level and those above it. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  format: LogFormat;
  level: LogLevel;
  /** Receives one finished line, newline included (stderr in production). */
  write: (line: string) => void;
  now?: () => Date;
}

/** The keys every line starts with; fields of the same name cannot displace them. */
const RESERVED = new Set(['level', 'time', 'msg']);

/**
 * One line per event: a JSON object (`level`, `time`, `msg`, then the fields) for log
 * pipelines, or `time LEVEL msg key=value…` for people. Logging never throws: a broken field
 * or a closed stream must not fail the request being logged.
 */
export function createLogger({ format, level, write, now = () => new Date() }: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const render = format === 'json' ? jsonLine : textLine;
  const log =
    (lineLevel: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (LOG_LEVELS.indexOf(lineLevel) < threshold) return;
      try {
        write(render(lineLevel, now().toISOString(), msg, fields));
      } catch {
        // Nowhere left to report a failed log write; dropping the line is the only safe choice.
      }
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function jsonLine(level: LogLevel, time: string, msg: string, fields: LogFields): string {
  const entry: Record<string, unknown> = { level, time, msg };
  for (const [key, value] of Object.entries(fields)) if (!RESERVED.has(key)) entry[key] = value;
  try {
    return `${JSON.stringify(entry, jsonSafe)}\n`;
  } catch {
    // A circular field: keep the event, say why its fields are missing.
    return `${JSON.stringify({ level, time, msg, logError: 'fields could not be serialized' })}\n`;
  }
}

function textLine(level: LogLevel, time: string, msg: string, fields: LogFields): string {
  const pairs = Object.entries(fields)
    .filter(([key]) => !RESERVED.has(key))
    .map(([key, value]) => `${key}=${textValue(value)}`);
  return `${[time, level.toUpperCase(), msg, ...pairs].join(' ')}\n`;
}

function textValue(value: unknown): string {
  if (typeof value === 'string' && /^[^\s"=]+$/.test(value)) return value;
  try {
    return JSON.stringify(value, jsonSafe) ?? String(value);
  } catch {
    return '[unserializable]';
  }
}

/** JSON.stringify throws on bigint and writes errors as `{}`; give both a useful form. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
