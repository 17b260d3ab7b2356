import { RagtraceError } from '../errors/ragtrace-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { runDemoCommand } from './demo-command.js';
import { runKeysCommand } from './keys-command.js';
import { runPricesCommand } from './prices-command.js';
import { runRunsCommand } from './runs-command.js';
import { runSqlCommand } from './sql-command.js';
import { runStartCommand } from './start-command.js';
import { runSubcommand } from './run-subcommand.js';

const USAGE = `Usage: ragtrace <command> [flags]

Commands:
  start            run the collector (OTLP/HTTP on :4318, SQL on /clickhouse)
  demo             send realistic RAG traces to a running collector
  sql "<query>"    print the result of a read-only SQL query through the collector
  prices           list and edit the model prices cost is computed from
  runs             list, show and compare runs (experiment tracking)
  keys             create, list and revoke API keys (one project each)

Run "ragtrace <command> --help" for a command's flags.
`;

const COMMANDS = {
  start: runStartCommand,
  demo: runDemoCommand,
  sql: runSqlCommand,
  prices: runPricesCommand,
  runs: runRunsCommand,
  keys: runKeysCommand,
};

/** Entry point of the `ragtrace` CLI; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command] = argv;
  try {
    return await runSubcommand('ragtrace', 'command', USAGE, COMMANDS, argv, io);
  } catch (error) {
    io.stderr(`ragtrace ${command}: ${describe(error)}\n`);
    return error instanceof RagtraceError && error.code === 'INVALID_CONFIG' ? 2 : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // node's parseArgs errors carry a code and a message naming the offending flag.
    return error.message;
  }
  return String(error);
}
