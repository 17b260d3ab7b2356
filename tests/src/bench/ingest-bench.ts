/**
 * `npm run bench:ingest`: collector ingest throughput in spans per CPU-second, beside the same
 * figure for its two big parts measured in the same run — OTLP protobuf decoding alone, and
 * the embedded storage insert of pre-built rows alone — so later work can see where time goes.
 *
 * The collector runs as its own process from the build (as `npm start` runs it); this process
 * is the load generator, and the insert-only figure comes from a third process because chDB
 * allows one data directory per process.
 */
import { decodeTracesProtobuf, openStorage, runMigrations, type SpanRow } from '@ragtrace/collector';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRequestBodies, SPANS_PER_REQUEST } from './bench-requests.js';
import { cpuSecondsOfProcess } from './process-cpu.js';
import { makeTempDir } from '../support/temp-dir.js';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 200);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const DISTINCT_BODIES = 20;
const INSERT_BATCH_ROWS = 20_000; // the collector's default RAGTRACE_BATCH_MAX_ROWS
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<void> {
  if (process.argv[2] === '--insert-only') {
    process.stdout.write(JSON.stringify(await measureInsertOnly(process.argv[3]!)));
    return;
  }
  const dir = await makeTempDir('bench');
  try {
    const bodies = await buildRequestBodies(DISTINCT_BODIES);
    console.log(`requests: ${REQUESTS} × ${SPANS_PER_REQUEST} spans, concurrency ${CONCURRENCY}`);

    const decoder = measureDecoder(bodies);
    const rowsFile = join(dir.path, 'rows.json');
    await writeFile(rowsFile, JSON.stringify(bodies.flatMap((body) => decodeTracesProtobuf(body).rows)));
    const insert = await runInsertOnlyProcess(rowsFile);
    const collector = await measureCollector(bodies, join(dir.path, 'collector'));

    const table = [
      ['collector (HTTP + decode + insert)', collector],
      ['decoder alone', decoder],
      ['storage insert of pre-built rows', insert],
    ] as const;
    console.log('\nspans per CPU-second');
    for (const [name, figure] of table)
      console.log(`  ${name.padEnd(36)} ${Math.round(figure).toLocaleString('en-US')}`);
    console.log('\nratios');
    console.log(`  collector / decoder alone   ${(collector / decoder).toFixed(3)}`);
    console.log(`  collector / insert alone    ${(collector / insert).toFixed(3)}`);
    console.log(`  decoder / insert            ${(decoder / insert).toFixed(3)}`);
  } finally {
    await dir.remove();
  }
}

function measureDecoder(bodies: Uint8Array[]): number {
  const minimumSeconds = 3;
  let spans = 0;
  const start = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < minimumSeconds) {
    for (const body of bodies) spans += decodeTracesProtobuf(body).rows.length;
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1e6;
  }
  return spans / elapsed;
}

async function measureInsertOnly(rowsFile: string): Promise<number> {
  const rows = JSON.parse(await readFile(rowsFile, 'utf8')) as SpanRow[];
  const dir = await makeTempDir('bench-insert');
  const storage = await openStorage({ kind: 'embedded', dataDir: dir.path, database: 'otel' });
  try {
    await runMigrations(storage);
    const target = REQUESTS * SPANS_PER_REQUEST;
    const start = process.cpuUsage();
    for (let inserted = 0; inserted < target; inserted += INSERT_BATCH_ROWS) {
      const batch: SpanRow[] = [];
      while (batch.length < Math.min(INSERT_BATCH_ROWS, target - inserted)) batch.push(...rows);
      await storage.insertRows('otel_traces', batch.slice(0, Math.min(INSERT_BATCH_ROWS, target - inserted)));
    }
    const used = process.cpuUsage(start);
    return target / ((used.user + used.system) / 1e6);
  } finally {
    await storage.close();
    await dir.remove();
  }
}

async function runInsertOnlyProcess(rowsFile: string): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=ragtrace-source',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--insert-only',
      rowsFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_REQUESTS: String(REQUESTS) } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`insert-only process exited with ${code}`);
  return Number(output);
}

async function measureCollector(bodies: Uint8Array[], dataDir: string): Promise<number> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'collector/bin/ragtrace.cjs'), 'start'], {
    env: { ...process.env, RAGTRACE_PORT: '0', RAGTRACE_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${stderr}`)));
  });
  try {
    const before = await cpuSecondsOfProcess(child.pid!);
    let next = 0;
    const send = async () => {
      while (next < REQUESTS) {
        const body = bodies[next++ % bodies.length]!;
        const response = await fetch(`${url}/v1/traces`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-protobuf' },
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`collector answered ${response.status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    const cpu = (await cpuSecondsOfProcess(child.pid!)) - before;
    return (REQUESTS * SPANS_PER_REQUEST) / cpu;
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

await main();
