import { parseArgs } from 'node:util';
import { runDemo } from '../run-demo.js';

/** Where the demo's command line writes, so the `ragtrace` CLI and tests can run it in process. */
export interface DemoCliIo {
  stdout: (text: string) => void;
}

export interface DemoCliOptions {
  /** How the usage names the command: `ragtrace-demo` (this package's bin) or `ragtrace demo`. */
  program?: string;
  /** Sent with every export and run record, e.g. the collector's API key. */
  headers?: Record<string, string>;
}

function usage(program: string): string {
  return `Usage: ${program} [--endpoint URL]

Runs a small RAG application (embed, retrieve, rerank, generate, tool call) over a set of
questions under two configurations and sends its traces to a running collector.
The endpoint defaults to OTEL_EXPORTER_OTLP_ENDPOINT, then http://127.0.0.1:4318. A collector that
requires API keys gets the one in RAGTRACE_API_KEY through \`ragtrace demo\`, or
OTEL_EXPORTER_OTLP_HEADERS=x-api-key=KEY (a key with the ingest right).
`;
}

/**
 * The demo's command line: `--endpoint`, `--help`; prints the demo's progress, then its summary as
 * one JSON line. Resolves to the exit code; a flag it does not know throws (parseArgs names it).
 */
export async function runDemoCli(
  argv: string[],
  io: DemoCliIo,
  { program = 'ragtrace-demo', headers }: DemoCliOptions = {},
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { endpoint: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(usage(program));
    return 0;
  }
  const summary = await runDemo({
    endpoint: values.endpoint,
    headers,
    log: (line) => io.stdout(`${line}\n`),
  });
  io.stdout(`${JSON.stringify(summary)}\n`);
  return 0;
}
