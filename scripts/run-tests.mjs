// Runs every *.test.ts in the workspaces with node:test, from source (the `ragtrace-source`
// export condition) through the tsx loader. Node 20's test runner takes no globs, hence this list.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['packages', 'instrumentation', 'collector', 'examples', 'dashboards', 'tests'];
// `--reliability` runs the reliability scenarios (*.scenario.ts) instead of the tests: they take
// minutes, measure memory and timing, and so run one file at a time.
const reliability = process.argv.includes('--reliability');
const suffix = reliability ? '.scenario.ts' : '.test.ts';
const selected = process.argv.slice(2).filter((arg) => arg !== '--reliability'); // optional substrings to narrow the run

function* testFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(path);
    else if (entry.name.endsWith(suffix)) yield relative(root, path);
  }
}

const files = roots
  .flatMap((dir) => [...testFiles(join(root, dir))])
  .filter((file) => selected.length === 0 || selected.some((part) => file.includes(part)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--conditions=ragtrace-source',
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${reliability ? 1 : 2}`,
    ...files,
  ],
  // Test files run in processes of their own; they get the thread pool `ragtrace start` gives
  // the collector (collector/bin/threadpool-size.cjs), so in-process collectors run as in production.
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE || '16' },
  },
);
process.exit(result.status ?? 1);
