import { ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { parseArgs } from 'node:util';
import { COLLECTOR_SETTINGS } from '../config/collector-settings.js';
import { ConfigError } from '../config/config-error.js';
import { resolveSetting } from '../config/settings.js';
import { formatClickHouseException } from '../http/clickhouse/clickhouse-exception-text.js';
import type { CliIo } from './cli-io.js';

/** Readable in a terminal; one block, so column widths hold for the whole result. */
const DEFAULT_FORMAT = 'PrettyCompactMonoBlock';

const USAGE = `Usage: ragtrace sql [flags] "<query>"

Prints the result of a read-only SQL query, run by the collector's /clickhouse endpoint.
A FORMAT clause in the query wins over --format.

  --format NAME    output format (default: ${DEFAULT_FORMAT}; e.g. TSVWithNames, CSVWithNames, JSONEachRow)
  --url URL        the collector, e.g. http://127.0.0.1:4318 (default: from --host and --port)
  --host HOST      ${COLLECTOR_SETTINGS.host.env} (default: ${COLLECTOR_SETTINGS.host.defaultValue})
  --port PORT      ${COLLECTOR_SETTINGS.port.env} (default: ${COLLECTOR_SETTINGS.port.defaultValue})

Exit status: 0 on success, 1 when the query fails, 2 when the collector cannot be reached
or the command line is wrong.
`;

/** Failures of the network rather than of a query: nothing is answering at that address. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

interface SqlOptions {
  help: boolean;
  query: string;
  format: string;
  collectorUrl: URL;
}

/** `ragtrace sql "<query>"`: resolves to the exit status. */
export async function runSqlCommand(argv: string[], io: CliIo): Promise<number> {
  let options: SqlOptions;
  try {
    options = parseSqlArgs(argv, io.env);
  } catch (error) {
    io.stderr(`ragtrace sql: ${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (options.query.trim() === '') {
    io.stderr(`ragtrace sql: no query given\n\n${USAGE}`);
    return 2;
  }
  const client = createClient({
    url: options.collectorUrl,
    pathname: '/clickhouse',
    // Failures are reported below, once, in this command's words.
    log: { level: ClickHouseLogLevel.OFF },
  });
  try {
    const settings: Record<string, string> = { default_format: options.format };
    const result = await client.exec({ query: options.query, clickhouse_settings: settings });
    result.stream.setEncoding('utf8');
    for await (const chunk of result.stream) io.stdout(chunk as string);
    return 0;
  } catch (error) {
    return reportFailure(error, options.collectorUrl, io);
  } finally {
    await client.close();
  }
}

function parseSqlArgs(argv: string[], env: NodeJS.ProcessEnv): SqlOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      format: { type: 'string' },
      url: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  return {
    help: values.help === true,
    query: positionals.join(' '),
    format: values.format ?? DEFAULT_FORMAT,
    collectorUrl: values.url === undefined ? urlFromSettings(values, env) : parseCollectorUrl(values.url),
  };
}

/** The collector named by RAGTRACE_HOST/RAGTRACE_PORT or their flags, validated like `start` validates them. */
function urlFromSettings(values: { host?: string; port?: string }, env: NodeJS.ProcessEnv): URL {
  const flags = new Map<string, string>();
  if (values.host !== undefined) flags.set(COLLECTOR_SETTINGS.host.flag, values.host);
  if (values.port !== undefined) flags.set(COLLECTOR_SETTINGS.port.flag, values.port);
  const listenHost = resolveSetting(COLLECTOR_SETTINGS.host, env, flags);
  const port = resolveSetting(COLLECTOR_SETTINGS.port, env, flags);
  // A collector listening on every interface is reached over loopback.
  const host = listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost === '::' ? '::1' : listenHost;
  return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

function parseCollectorUrl(raw: string): URL {
  const accepted = 'an http:// or https:// URL of the collector such as http://127.0.0.1:4318';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('--url', raw, accepted);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('--url', raw, accepted);
  return url;
}

function reportFailure(error: unknown, collectorUrl: URL, io: CliIo): number {
  const where = collectorUrl.href.replace(/\/$/, '');
  if (error instanceof ClickHouseError) {
    const text = formatClickHouseException({
      code: Number(error.code),
      type: error.type ?? 'UNKNOWN',
      message: error.message,
    });
    io.stderr(`ragtrace sql: ${text}\n`);
    return 1;
  }
  if (UNREACHABLE_CODES.has((error as NodeJS.ErrnoException).code ?? '')) {
    io.stderr(`ragtrace sql: cannot reach the collector at ${where} — is it running? (npm start)\n`);
    return 2;
  }
  io.stderr(`ragtrace sql: ${where} did not answer as a ragtrace collector: ${(error as Error).message}\n`);
  return 1;
}
