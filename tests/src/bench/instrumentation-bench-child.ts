/**
 * One variant of `npm run bench:instrumentation`, in a process of its own (fresh module state,
 * one instrumentation patching `openai`). Protocol, one line each way:
 * it prints `ready` after the warm-up; then each `run <iterations>` on stdin runs that many
 * workload iterations and answers `ok`; `end` flushes and answers `{"cpuMicrosPerCall": …}`.
 * The CPU figure is process.cpuUsage() from after the warm-up to after the final flush: start-up
 * and module loading are left out, span export (whenever the batch processor runs it) is counted,
 * and the time the process sits idle while the other variants run its slices costs nothing.
 */
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type OpenAI from 'openai';
import { instrumentVariant, VARIANTS, type Variant } from './instrumentation-variants.js';
import { CALLS_PER_ITERATION, runOpenAIWorkload } from './openai-workload.js';

export interface VariantMeasurement {
  cpuMicrosPerCall: number;
}

const variant = process.argv[2] as Variant;
if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`);

const tracing = instrumentVariant(variant, `${process.env['BENCH_SINK_URL']}/${variant}`);
// Loaded only now, through require, so the variant's require hook patches it.
const { OpenAI: Client } = createRequire(import.meta.url)('openai') as { OpenAI: typeof OpenAI };
const client = new Client({
  baseURL: `${process.env['BENCH_MOCK_URL']}/v1`,
  apiKey: 'sk-bench',
  maxRetries: 0,
});
await runOpenAIWorkload(client, Number(process.env['BENCH_WARMUP_ITERATIONS']));
await tracing.forceFlush();

const start = process.cpuUsage();
let iterations = 0;
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, count] = line.split(' ');
  if (command === 'run') {
    await runOpenAIWorkload(client, Number(count));
    iterations += Number(count);
    process.stdout.write('ok\n');
  } else if (command === 'end') {
    await tracing.forceFlush();
    const used = process.cpuUsage(start);
    const measurement: VariantMeasurement = {
      cpuMicrosPerCall: (used.user + used.system) / (iterations * CALLS_PER_ITERATION),
    };
    process.stdout.write(`${JSON.stringify(measurement)}\n`);
    await tracing.shutdown();
    break;
  }
}
