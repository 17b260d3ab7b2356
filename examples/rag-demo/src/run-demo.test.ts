import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_RUN_ID,
  ATTR_RAGTRACE_RUN_NAME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASELINE, DEMO_CONFIGURATIONS, WIDE_CONTEXT } from './configurations.js';
import { DEMO_QUESTIONS } from './questions.js';
import { runDemo } from './run-demo.js';
import type { OtlpJsonSink, ReceivedSpan } from './test-support/otlp-json-sink.js';
import { DEMO_EXPERIMENT } from './tracing/run-params.js';
import { startOtlpJsonSink } from './test-support/otlp-json-sink.js';
import type { DemoSummary } from './types.js';

/** JSON so the sink can read the spans; everything else as a user's shell would have it unset. */
const TEST_ENVIRONMENT: Record<string, string | undefined> = {
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: undefined,
  OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: undefined,
  RAGTRACE_CAPTURE_CONTENT: undefined,
};

function setEnvironment(variables: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

function operationsOf(spans: readonly ReceivedSpan[]): Set<unknown> {
  return new Set(spans.map((span) => span.attributes[ATTR_GEN_AI_OPERATION_NAME]));
}

describe('runDemo', () => {
  const savedEnvironment = Object.fromEntries(
    Object.keys(TEST_ENVIRONMENT).map((name) => [name, process.env[name]]),
  );
  let sink: OtlpJsonSink;
  let summary: DemoSummary;
  const lines: string[] = [];

  before(async () => {
    setEnvironment(TEST_ENVIRONMENT);
    sink = await startOtlpJsonSink();
    summary = await runDemo({ endpoint: sink.url, log: (line) => lines.push(line) });
  });
  after(async () => {
    setEnvironment(savedEnvironment);
    await sink.close();
  });

  function spansOfRun(name: string): ReceivedSpan[] {
    return sink.spans.filter((span) => span.attributes[ATTR_RAGTRACE_RUN_NAME] === name);
  }

  it('sends every stage operation for both configurations', () => {
    for (const configuration of DEMO_CONFIGURATIONS) {
      const operations = operationsOf(spansOfRun(configuration.name));
      for (const operation of [
        'invoke_workflow',
        'embeddings',
        'retrieval',
        'rerank',
        'chat',
        'execute_tool',
      ]) {
        assert.ok(operations.has(operation), `${configuration.name} has no ${operation} span`);
      }
    }
  });

  it('records token usage on every chat span', () => {
    const chats = sink.spans.filter((span) => span.attributes[ATTR_GEN_AI_OPERATION_NAME] === 'chat');
    assert.ok(chats.length >= 2 * DEMO_QUESTIONS.length);
    for (const chat of chats) {
      assert.ok(Number(chat.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]) > 0, `${chat.name} input tokens`);
      assert.ok(Number(chat.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]) > 0, `${chat.name} output tokens`);
    }
    const streamed = chats.filter((chat) => chat.attributes[ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK] !== undefined);
    assert.ok(streamed.length > 0, 'some answers are streamed');
  });

  it('makes each question one trace rooted at its workflow span, every span stamped with the run', () => {
    for (const configuration of [BASELINE, WIDE_CONTEXT]) {
      const spans = spansOfRun(configuration.name);
      const roots = spans.filter((span) => span.parentSpanId === '');
      assert.equal(roots.length, DEMO_QUESTIONS.length);
      assert.equal(new Set(spans.map((span) => span.traceId)).size, DEMO_QUESTIONS.length);
      for (const root of roots) {
        assert.equal(root.name, 'invoke_workflow answer-question');
      }
      assert.ok(spans.every((span) => span.attributes[ATTR_RAGTRACE_EXPERIMENT_NAME] === DEMO_EXPERIMENT));
      const spanIds = new Set(spans.map((span) => span.spanId));
      for (const child of spans.filter((span) => span.parentSpanId !== '')) {
        assert.ok(spanIds.has(child.parentSpanId), `${child.name} has its parent in the same run`);
      }
      assert.equal(new Set(spans.map((span) => span.attributes[ATTR_RAGTRACE_RUN_ID])).size, 1);
    }
  });

  it('records each configuration as a finished run of one experiment, with the configuration as params', () => {
    const starts = sink.runRecords.filter((record) => record.path === '/api/runs');
    assert.deepEqual(
      starts.map((record) => [record.body['id'], record.body['experiment'], record.body['name']]),
      summary.configurations.map((run) => [run.runId, DEMO_EXPERIMENT, run.name]),
    );
    for (const [index, configuration] of DEMO_CONFIGURATIONS.entries()) {
      const params = starts[index]?.body['params'] as Record<string, string>;
      assert.equal(params['retrieval.top_k'], String(configuration.retrieval.topK));
      assert.equal(params['generation.temperature'], String(configuration.generation.temperature));
      assert.equal(params['prompt.version'], configuration.prompt.version);
    }
    const ends = sink.runRecords.filter((record) => record.path.endsWith('/end'));
    assert.deepEqual(
      ends.map((record) => [record.path, record.body['status']]),
      summary.configurations.map((run) => [`/api/runs/${run.runId}/end`, 'finished']),
    );
  });

  it('records the failed order lookup as an error span', () => {
    const failedTools = sink.spans.filter(
      (span) => span.attributes[ATTR_GEN_AI_OPERATION_NAME] === 'execute_tool' && span.status.code === 2,
    );
    assert.equal(failedTools.length, DEMO_CONFIGURATIONS.length);
    assert.equal(failedTools[0]?.attributes[ATTR_ERROR_TYPE], 'OrderNotFoundError');
  });

  it('captures no content by default', () => {
    for (const span of sink.spans) {
      assert.equal(span.attributes[ATTR_GEN_AI_INPUT_MESSAGES], undefined);
      assert.equal(span.attributes[ATTR_RAGTRACE_INPUT_CONTENT], undefined);
    }
  });

  it('summarizes what each configuration sent', () => {
    assert.deepEqual(
      summary.configurations.map((run) => run.name),
      DEMO_CONFIGURATIONS.map((configuration) => configuration.name),
    );
    for (const run of summary.configurations) {
      assert.equal(run.traces, DEMO_QUESTIONS.length);
      assert.equal(run.spansExported, spansOfRun(run.name).length);
      assert.equal(run.spansFailed, 0);
      assert.ok(spansOfRun(run.name).every((span) => span.attributes[ATTR_RAGTRACE_RUN_ID] === run.runId));
    }
    assert.ok(lines.some((line) => line.includes('HAL-10042 is shipped')));
  });
});

describe('runDemo without a working collector', () => {
  it('resolves with the spans counted as failed', async () => {
    const savedEnvironment = Object.fromEntries(
      Object.keys(TEST_ENVIRONMENT).map((name) => [name, process.env[name]]),
    );
    // 400 is not retryable, so the exporter gives up at once instead of backing off.
    const rejecting = await startOtlpJsonSink(400);
    try {
      setEnvironment({ ...TEST_ENVIRONMENT, OTEL_EXPORTER_OTLP_ENDPOINT: rejecting.url });
      const lines: string[] = [];
      const summary = await runDemo({ log: (line) => lines.push(line) });

      assert.ok(rejecting.requestCount() > 0, 'the endpoint came from OTEL_EXPORTER_OTLP_ENDPOINT');
      for (const run of summary.configurations) {
        assert.equal(run.spansExported, 0);
        assert.ok(run.spansFailed > 0);
      }
      assert.ok(lines.some((line) => line.includes('could not be exported')));
    } finally {
      setEnvironment(savedEnvironment);
      await rejecting.close();
    }
  });
});
