import { ClickHouseError, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { parseArgs } from 'node:util';
import { formatClickHouseException } from '../http/clickhouse/clickhouse-exception-text.js';
import { apiKeyHeaders } from './api-key-headers.js';
import type { CliIo } from './cli-io.js';
import {
  COLLECTOR_URL_OPTIONS,
  COLLECTOR_URL_USAGE,
  isUnreachable,
  resolveCollectorUrl,
  unreachableMessage,
} from './collector-url.js';

/** Readable in a terminal; one block, so column widths hold for the whole result. */
const DEFAULT_FORMAT = 'PrettyCompactMonoBlock';

const USAGE = `Usage: ragtrace sql [flags] "<query>"

Prints the result of a read-only SQL query, run by the collector's /clickhouse endpoint.
A FORMAT clause in the query wins over --format.

  --format NAME    output format (default: ${DEFAULT_FORMAT}; e.g. TSVWithNames, CSVWithNames, JSONEachRow)
${COLLECTOR_URL_USAGE}

A collector that requires API keys gets the one in RAGTRACE_API_KEY (a key with the read right).

Exit status: 0 on success, 1 when the query fails, 2 when the collector cannot be reached
or the command line is wrong.
`;

interface SqlOptions {
  help: boolean;
  query: string;
  format: string;
  collectorUrl: URL;
  /** The API key header, when RAGTRACE_API_KEY is set; the collector then answers with that key's project only. */
  headers: Record<string, string>;
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
    http_headers: options.headers,
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
      ...COLLECTOR_URL_OPTIONS,
    },
    allowPositionals: true,
    strict: true,
  });
  return {
    help: values.help === true,
    query: positionals.join(' '),
    format: values.format ?? DEFAULT_FORMAT,
    collectorUrl: resolveCollectorUrl(values, env),
    headers: apiKeyHeaders(env),
  };
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
  if (isUnreachable(error)) {
    io.stderr(`ragtrace sql: ${unreachableMessage(collectorUrl)}\n`);
    return 2;
  }
  io.stderr(`ragtrace sql: ${where} did not answer as a ragtrace collector: ${(error as Error).message}\n`);
  return 1;
}
