import { context, diag, DiagLogLevel, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_RUN_ID,
  ATTR_RAGTRACE_RUN_NAME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { embed } from '../stages/embed.js';
import { workflow } from '../stages/workflow.js';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { startOtlpSink } from '@ragtrace/instrumentation-test-kit';
import type { OtlpSink } from '@ragtrace/instrumentation-test-kit';
import { RunSpanProcessor } from './run-span-processor.js';
import { startRun } from './start-run.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** Variables startRun reads, pinned so the developer's shell can't change the outcome. */
const RUN_ENVIRONMENT = {
  GIT_COMMIT: COMMIT,
  OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
  OTEL_EXPORTER_OTLP_HEADERS: undefined,
  OTEL_SERVICE_NAME: undefined,
};

interface RunDocument {
  id?: string;
  experiment?: string;
  name?: string;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  dataset?: { name: string; version?: string } | null;
  gitCommit?: string;
  serviceName?: string;
  startTime?: string;
  status?: string;
  endTime?: string;
}

function documentOf(body: Buffer): RunDocument {
  return JSON.parse(body.toString('utf8')) as RunDocument;
}

/** Collects what the SDK reports to OTel's diag logger while `work` runs. */
async function diagErrorsDuring(work: () => Promise<void>): Promise<string[]> {
  const reported: string[] = [];
  const record = (message: string, ...args: unknown[]): void => {
    reported.push([message, ...args.map(String)].join(' '));
  };
  diag.setLogger(
    { error: record, warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} },
    { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true },
  );
  try {
    await work();
  } finally {
    diag.disable();
  }
  return reported;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The collector a run without setupTracing finds through OTEL_EXPORTER_OTLP_ENDPOINT. */
let environmentSink: OtlpSink;
let savedEnvironment: Record<string, string | undefined>;

function setEnvironment(variables: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

before(async () => {
  environmentSink = await startOtlpSink();
  savedEnvironment = Object.fromEntries(
    Object.keys(RUN_ENVIRONMENT).map((name) => [name, process.env[name]]),
  );
  setEnvironment({ ...RUN_ENVIRONMENT, OTEL_EXPORTER_OTLP_ENDPOINT: environmentSink.url });
});
after(async () => {
  setEnvironment(savedEnvironment);
  await environmentSink.close();
});

describe('startRun', () => {
  let sink: OtlpSink;
  let tracing: MemoryTracing;

  before(async () => {
    sink = await startOtlpSink();
    tracing = setupMemoryTracing({
      serviceName: 'support-bot',
      endpoint: `${sink.url}/collector`,
      headers: { 'x-tenant': 'acme' },
    });
  });
  afterEach(() => {
    tracing.reset();
    sink.requests.length = 0;
  });
  after(async () => {
    await tracing.shutdown();
    await sink.close();
  });

  it('stamps every span started within the run, across await and setTimeout, and no other', async () => {
    const run = startRun({ experiment: 'retrieval-tuning', name: 'top-k-5' });
    await workflow({ name: 'before-the-run' }, () => 'outside');
    await run.within(() =>
      workflow({ name: 'inside-the-run' }, async () => {
        await sleep(2);
        await embed({ model: 'text-embedding-3-small' }, async () => [0.1]);
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            // A span of any instrumentation, started from a timer callback.
            trace.getTracer('other-library').startSpan('from-a-timer').end();
            resolve();
          }, 5),
        );
      }),
    );
    await workflow({ name: 'after-the-run' }, () => 'outside');
    await run.end();

    for (const name of [
      'invoke_workflow inside-the-run',
      'embeddings text-embedding-3-small',
      'from-a-timer',
    ]) {
      const span = tracing.span(name);
      assert.equal(span.attributes[ATTR_RAGTRACE_RUN_ID], run.id, name);
      assert.equal(span.attributes[ATTR_RAGTRACE_EXPERIMENT_NAME], 'retrieval-tuning', name);
      assert.equal(span.attributes[ATTR_RAGTRACE_RUN_NAME], 'top-k-5', name);
    }
    for (const name of ['invoke_workflow before-the-run', 'invoke_workflow after-the-run']) {
      assert.equal(tracing.span(name).attributes[ATTR_RAGTRACE_RUN_ID], undefined, name);
    }
  });

  it('keeps concurrent runs apart', async () => {
    const a = startRun({ experiment: 'e', name: 'a' });
    const b = startRun({ experiment: 'e', name: 'b' });
    assert.notEqual(a.id, b.id);
    await Promise.all(
      [a, b].map((run) =>
        run.within(async () => {
          for (let step = 0; step < 3; step += 1) {
            await sleep(1);
            await workflow({ name: `${run.name}-${step}` }, () => 'done');
          }
        }),
      ),
    );
    await Promise.all([a.end(), b.end()]);
    for (const span of tracing.spans()) {
      const expected = span.name.startsWith('invoke_workflow a-') ? a.id : b.id;
      assert.equal(span.attributes[ATTR_RAGTRACE_RUN_ID], expected, span.name);
    }
    assert.equal(tracing.spans().length, 6);
  });

  it('sends the start and end records to the collector that receives the spans', async () => {
    const run = startRun({
      experiment: 'retrieval-tuning',
      name: 'top-k-5',
      params: { top_k: 5, temperature: 0.2, rerank: true, model: 'gpt-4o-mini' },
      tags: { owner: 'search-team' },
      dataset: { name: 'support-questions', version: '3' },
    });
    const before = Date.now();
    await run.end({ status: 'failed' });

    assert.equal(sink.requests.length, 2);
    const [start, end] = sink.requests;
    assert.equal(start?.method, 'POST');
    assert.equal(start?.path, '/collector/api/runs');
    assert.equal(start?.headers['content-type'], 'application/json');
    assert.equal(start?.headers['x-tenant'], 'acme');
    const record = documentOf(start!.body);
    assert.deepEqual(
      { ...record, startTime: undefined },
      {
        id: run.id,
        experiment: 'retrieval-tuning',
        name: 'top-k-5',
        params: { top_k: '5', temperature: '0.2', rerank: 'true', model: 'gpt-4o-mini' },
        tags: { owner: 'search-team' },
        dataset: { name: 'support-questions', version: '3' },
        gitCommit: COMMIT,
        serviceName: 'support-bot',
        startTime: undefined,
      },
    );
    assert.ok(Date.parse(record.startTime!) <= before);

    assert.equal(end?.path, `/collector/api/runs/${run.id}/end`);
    assert.equal(end?.headers['x-tenant'], 'acme');
    const ending = documentOf(end!.body);
    assert.equal(ending.status, 'failed');
    assert.ok(Date.parse(ending.endTime!) >= Date.parse(record.startTime!));
  });

  it('ends once, however often end is called', async () => {
    const run = startRun({ experiment: 'e' });
    const first = run.end();
    assert.equal(run.end({ status: 'killed' }), first);
    await first;
    const ends = sink.requests.filter((request) => request.path.endsWith('/end'));
    assert.equal(ends.length, 1);
    assert.equal(documentOf(ends[0]!.body).status, 'finished');
  });
});

describe('startRun without a working collector', () => {
  it('resolves end and reports to diag when the collector refuses the records', async () => {
    const refusing = await startOtlpSink(500);
    const tracing = setupMemoryTracing({ endpoint: refusing.url });
    try {
      const reported = await diagErrorsDuring(async () => {
        const run = startRun({ experiment: 'e' });
        await run.within(() => workflow({ name: 'still-traced' }, () => 'done'));
        await run.end();
      });
      // The lost start is resent once at the end; with no start accepted, no end is sent.
      assert.deepEqual(
        refusing.requests.map((request) => request.path),
        ['/api/runs', '/api/runs'],
      );
      assert.ok(
        reported.some((line) => /recording the start of run .* failed.*answered 500/.test(line)),
        reported.join('\n'),
      );
      assert.ok(tracing.span('invoke_workflow still-traced').attributes[ATTR_RAGTRACE_RUN_ID]);
    } finally {
      await tracing.shutdown();
      await refusing.close();
    }
  });

  it('resolves end and reports to diag when nothing listens', async () => {
    const tracing = setupMemoryTracing({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    try {
      const reported = await diagErrorsDuring(async () => {
        await startRun({ experiment: 'e' }).end();
      });
      assert.ok(
        reported.some((line) => line.includes('@ragtrace/sdk: recording the start of run')),
        reported.join('\n'),
      );
    } finally {
      await tracing.shutdown();
    }
  });
});

describe('RunSpanProcessor on a tracer provider of your own', () => {
  it('stamps the spans of a run, whose record goes to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({
      spanProcessors: [new RunSpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    provider.register();
    try {
      const run = startRun({ experiment: 'own-provider', name: 'n' });
      const tracer = provider.getTracer('app');
      await run.within(async () => {
        await sleep(1);
        tracer.startSpan('inside').end();
      });
      tracer.startSpan('outside').end();
      const byName = new Map(exporter.getFinishedSpans().map((span) => [span.name, span]));
      assert.equal(byName.get('inside')?.attributes[ATTR_RAGTRACE_RUN_ID], run.id);
      assert.equal(byName.get('inside')?.attributes[ATTR_RAGTRACE_EXPERIMENT_NAME], 'own-provider');
      assert.equal(byName.get('outside')?.attributes[ATTR_RAGTRACE_RUN_ID], undefined);
      await run.end();
      assert.deepEqual(
        environmentSink.requests.map((request) => request.path),
        ['/api/runs', `/api/runs/${run.id}/end`],
      );
    } finally {
      await provider.shutdown();
      trace.disable();
      context.disable();
    }
  });
});
