import { runDemo } from '@ragtrace/demo';
import { parseArgs } from 'node:util';
import { apiKeyHeaders } from './api-key-headers.js';
import type { CliIo } from './cli-io.js';

const USAGE = `Usage: ragtrace demo [--endpoint URL]

Runs a small RAG application (embed, retrieve, rerank, generate, tool call) over a set of
questions under two configurations and sends its traces to a running collector.
The endpoint defaults to OTEL_EXPORTER_OTLP_ENDPOINT, then http://127.0.0.1:4318. A collector that
requires API keys gets the one in RAGTRACE_API_KEY (a key with the ingest right).
`;

export async function runDemoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { endpoint: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const summary = await runDemo({
    endpoint: values.endpoint,
    headers: apiKeyHeaders(io.env),
    log: (line) => io.stdout(`${line}\n`),
  });
  io.stdout(`${JSON.stringify(summary)}\n`);
  return 0;
}
