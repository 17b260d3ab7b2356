import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExporterLoadOptions, ExporterLoadSummary } from './exporter-load.js';
import type { LoadOptions, LoadSummary } from './load-generator.js';

const LOAD_ENTRY = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/** Sends raw OTLP requests from a child process (load-generator.ts); resolves with its summary. */
export function runLoadProcess(options: LoadOptions): Promise<LoadSummary> {
  return runChild<LoadSummary>({ kind: 'requests', ...options });
}

/** Exports through the real OTel SDK from a child process (exporter-load.ts); resolves with its summary. */
export function runExporterLoadProcess(options: ExporterLoadOptions): Promise<ExporterLoadSummary> {
  return runChild<ExporterLoadSummary>({ kind: 'exporter', ...options });
}

function runChild<Summary>(options: object): Promise<Summary> {
  const child = spawn(
    process.execPath,
    ['--conditions=ragtrace-source', '--import', 'tsx', LOAD_ENTRY, JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<Summary>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as Summary);
      else reject(new Error(`load process exited with ${code}:\n${stderr}`));
    });
  });
}
