import type { CliIo } from './cli-io.js';

/** A command (or a command's action): its own arguments in, the exit status out. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

const HELP_WORDS: ReadonlySet<string | undefined> = new Set([undefined, 'help', '--help', '-h']);

/**
 * Runs the command `argv[0]` names with the rest of `argv`. No name, `help`, `--help` or `-h`
 * prints `usage` (exit 0); a name `commands` does not have is reported with the usage (exit 2).
 * @param caller how messages start, e.g. `ragtrace keys`; `kind` is what `argv[0]` names (`action`).
 */
export async function runSubcommand(
  caller: string,
  kind: string,
  usage: string,
  commands: Readonly<Record<string, CliCommand>>,
  argv: string[],
  io: CliIo,
): Promise<number> {
  const [name, ...rest] = argv;
  if (HELP_WORDS.has(name)) {
    io.stdout(usage);
    return 0;
  }
  if (name === undefined || !Object.hasOwn(commands, name)) {
    io.stderr(`${caller}: unknown ${kind} ${JSON.stringify(name)}\n\n${usage}`);
    return 2;
  }
  return commands[name]!(rest, io);
}
