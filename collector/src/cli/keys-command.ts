import { parseArgs } from 'node:util';
import { createKey, DEFAULT_KEYS_FILE_NAME, readKeyFile, revokeKey } from '../auth/key-file.js';
import { DEFAULT_KEY_RIGHTS, isKeyRight, KEY_RIGHTS, type KeyRight } from '../auth/key-rights.js';
import { isProjectName, PROJECT_NAME_PATTERN } from '../auth/project-name.js';
import { resolveKeysFile } from '../config/collector-config.js';
import { COLLECTOR_SETTINGS } from '../config/collector-settings.js';
import { ConfigError } from '../config/config-error.js';
import type { CliIo } from './cli-io.js';
import { runSubcommand } from './run-subcommand.js';
import { renderTable } from './text-table.js';

const USAGE = `Usage: ragtrace keys <create|list|revoke> [flags]

Manages the API keys the collector accepts (when RAGTRACE_AUTH is required). Each key belongs
to one project: what it sends is stored under that project, and it reads only that project.
The key file holds hashes only; a running collector picks up changes on its next request.

  ragtrace keys create --project NAME [--rights ${KEY_RIGHTS.join(',')}]
      prints a new key once (default rights: ${DEFAULT_KEY_RIGHTS.join(',')})
  ragtrace keys list [--json]
  ragtrace keys revoke ID

Flags of every action:
  --keys-file PATH   ${COLLECTOR_SETTINGS.keysFile.env} (default: ${DEFAULT_KEYS_FILE_NAME} in the data dir)
  --data-dir DIR     ${COLLECTOR_SETTINGS.dataDir.env} (default: ${COLLECTOR_SETTINGS.dataDir.defaultValue})

Send a key as "Authorization: Bearer <key>" or "x-api-key: <key>".
`;

const FILE_OPTIONS = {
  'keys-file': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** `ragtrace keys …`: resolves to the exit status. */
export function runKeysCommand(argv: string[], io: CliIo): Promise<number> {
  return runSubcommand(
    'ragtrace keys',
    'action',
    USAGE,
    { create: createCommand, list: listCommand, revoke: revokeCommand },
    argv,
    io,
  );
}

async function createCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { project: { type: 'string' }, rights: { type: 'string' }, ...FILE_OPTIONS },
    strict: true,
  });
  if (values.project === undefined || !isProjectName(values.project)) {
    throw new ConfigError(
      '--project',
      values.project ?? '',
      `a project name matching ${PROJECT_NAME_PATTERN.source}`,
    );
  }
  const rights = values.rights === undefined ? DEFAULT_KEY_RIGHTS : parseRights(values.rights);
  const { record, key } = await createKey(keysFile(values, io.env), values.project, rights);
  io.stderr(
    `Created ${record.id} for project ${record.project} (${record.rights.join(', ')}). ` +
      'This is the only time the key is shown:\n',
  );
  io.stdout(`${key}\n`);
  return 0;
}

async function listCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, ...FILE_OPTIONS },
    strict: true,
  });
  // Hashes stay in the file: a listing is for people, and hashes help no one there.
  const keys = (await readKeyFile(keysFile(values, io.env))).map(({ id, project, rights, createdAt }) => ({
    id,
    project,
    rights,
    createdAt,
  }));
  if (values.json) {
    io.stdout(`${JSON.stringify(keys, null, 2)}\n`);
  } else if (keys.length === 0) {
    io.stdout('No keys.\n');
  } else {
    io.stdout(
      renderTable(
        ['ID', 'PROJECT', 'RIGHTS', 'CREATED'],
        keys.map((key) => [key.id, key.project, key.rights.join(','), key.createdAt]),
      ),
    );
  }
  return 0;
}

async function revokeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: FILE_OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [id] = positionals;
  if (id === undefined || positionals.length > 1) {
    io.stderr(`ragtrace keys revoke: expected one key id\n\n${USAGE}`);
    return 2;
  }
  if (!(await revokeKey(keysFile(values, io.env), id))) {
    io.stderr(`ragtrace keys revoke: no key has the id ${id}\n`);
    return 1;
  }
  io.stderr(`Revoked ${id}; a running collector refuses it from its next request on.\n`);
  return 0;
}

function parseRights(raw: string): KeyRight[] {
  const rights = raw.split(',').map((right) => right.trim());
  if (rights.length === 0 || !rights.every(isKeyRight)) {
    throw new ConfigError('--rights', raw, `a comma-separated list of ${KEY_RIGHTS.join(', ')}`);
  }
  return [...new Set(rights)] as KeyRight[];
}

/** The key file the collector would use with the same flags and environment. */
function keysFile(values: { 'keys-file'?: string; 'data-dir'?: string }, env: NodeJS.ProcessEnv): string {
  const flags = new Map<string, string>();
  if (values['keys-file'] !== undefined) flags.set(COLLECTOR_SETTINGS.keysFile.flag, values['keys-file']);
  if (values['data-dir'] !== undefined) flags.set(COLLECTOR_SETTINGS.dataDir.flag, values['data-dir']);
  return resolveKeysFile(env, flags);
}
