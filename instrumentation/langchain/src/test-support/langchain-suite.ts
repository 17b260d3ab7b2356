import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { workflow } from '@ragtrace/sdk';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
  ATTR_RAGTRACE_WORKFLOW_NAME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { LangChainInstrumentation } from '../langchain-instrumentation.js';
import { RagtraceCallbackHandler } from '../ragtrace-callback-handler.js';
import type { LangChainKit } from './langchain-kit.js';
import { OrderNotFoundError, SCRIPTED_MODEL, SCRIPTED_RESPONSE_MODEL } from './langchain-kit.js';
import {
  ANSWER,
  ORDER_TOOL_CALL,
  QUESTION,
  STREAMED_REPLY,
  lookupOrderTool,
  ragChain,
  runScenarios,
  trackOrderChain,
} from './langchain-scenarios.js';
import type { ScenarioOutcomes } from './langchain-scenarios.js';

export interface LangChainTarget {
  /** e.g. `@langchain/core 1.4.0 through the module hook`. */
  readonly label: string;
  readonly instrumentation: LangChainInstrumentation;
  /** Loads the library with the instrumentation not applied (called once). */
  load(): Promise<LangChainKit>;
  /** Applies the instrumentation to the loaded library. */
  instrument(): void;
}

const WORKFLOW_SPAN = 'invoke_workflow answer-question';
const RETRIEVE_SPAN = 'retrieval docs-kb';
const GENERATE_SPAN = `chat ${SCRIPTED_MODEL}`;

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

function idOf(span: ReadableSpan): string {
  return span.spanContext().spanId;
}

function sortedNames(tracing: MemoryTracing): string[] {
  return tracing
    .spans()
    .map((span) => span.name)
    .sort();
}

export function describeLangChainInstrumentation(target: LangChainTarget): void {
  describe(target.label, () => {
    let kit: LangChainKit;
    let uninstrumented: ScenarioOutcomes;
    let tracing: MemoryTracing | undefined;

    const startTracing = (options: Parameters<typeof setupMemoryTracing>[0] = {}): MemoryTracing => {
      tracing = setupMemoryTracing(options);
      return tracing;
    };

    before(async () => {
      kit = await target.load();
      // Tracing is on for the baseline too, so the only difference is the instrumentation.
      const baselineTracing = startTracing();
      uninstrumented = await runScenarios(kit);
      assert.deepEqual(baselineTracing.spans(), [], 'nothing is recorded before instrumenting');
      await baselineTracing.shutdown();
      target.instrument();
    });

    after(() => target.instrumentation.disable());

    afterEach(async () => {
      await tracing?.shutdown();
      tracing = undefined;
      target.instrumentation.setConfig({});
    });

    it('returns exactly what the uninstrumented calls return, errors included', async () => {
      startTracing();
      assert.deepEqual(await runScenarios(kit), uninstrumented);
      assert.equal(uninstrumented.answer, ANSWER);
      assert.equal(uninstrumented.toolError.isOrderNotFound, true);
      assert.deepEqual(uninstrumented.streamedContents, [...STREAMED_REPLY]);
    });

    it("records a RAG sequence as a workflow holding retrieve and generate spans, under the caller's span", async () => {
      const memory = startTracing();
      const tracer = trace.getTracer('app');
      await tracer.startActiveSpan('handle-request', async (request) => {
        await ragChain(kit).invoke(QUESTION);
        request.end();
      });

      // The plumbing chains (map, inner sequence, prompt, parser, lambda) get no spans.
      assert.deepEqual(
        sortedNames(memory),
        ['handle-request', GENERATE_SPAN, WORKFLOW_SPAN, RETRIEVE_SPAN].sort(),
      );
      const request = memory.span('handle-request');
      const flow = memory.span(WORKFLOW_SPAN);
      const retrieval = memory.span(RETRIEVE_SPAN);
      const generation = memory.span(GENERATE_SPAN);
      assert.equal(parentOf(flow), idOf(request));
      assert.equal(parentOf(retrieval), idOf(flow));
      assert.equal(parentOf(generation), idOf(flow));
      assert.equal(new Set(memory.spans().map((span) => span.spanContext().traceId)).size, 1);

      assert.equal(flow.kind, SpanKind.INTERNAL);
      assert.equal(flow.attributes[ATTR_GEN_AI_OPERATION_NAME], 'invoke_workflow');
      assert.equal(flow.attributes[ATTR_RAGTRACE_STAGE], 'workflow');
      assert.equal(flow.attributes[ATTR_RAGTRACE_WORKFLOW_NAME], 'answer-question');
      assert.equal(flow.status.code, SpanStatusCode.UNSET);

      assert.equal(retrieval.kind, SpanKind.CLIENT);
      assert.equal(retrieval.attributes[ATTR_GEN_AI_OPERATION_NAME], 'retrieval');
      assert.equal(retrieval.attributes[ATTR_RAGTRACE_STAGE], 'retrieve');
      assert.equal(retrieval.attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs-kb');
      assert.deepEqual(retrieval.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], ['doc-1', 'doc-2']);
      assert.deepEqual(retrieval.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], [0.91, 0.47]);
      assert.equal(retrieval.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 2);

      assert.equal(generation.kind, SpanKind.CLIENT);
      assert.equal(generation.attributes[ATTR_GEN_AI_OPERATION_NAME], 'chat');
      assert.equal(generation.attributes[ATTR_RAGTRACE_STAGE], 'generate');
      assert.equal(generation.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'scripted');
      assert.equal(generation.attributes[ATTR_GEN_AI_REQUEST_MODEL], SCRIPTED_MODEL);
      assert.equal(generation.attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE], 0.2);
      assert.equal(generation.attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS], 64);
      assert.deepEqual(generation.attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES], ['END']);
      assert.equal(generation.attributes[ATTR_GEN_AI_RESPONSE_MODEL], SCRIPTED_RESPONSE_MODEL);
      assert.equal(generation.attributes[ATTR_GEN_AI_RESPONSE_ID], 'resp-1');
      assert.deepEqual(generation.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
      assert.equal(generation.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 12);
      assert.equal(generation.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 5);
      assert.equal(generation.attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS], 4);

      // Content capture is off by default.
      for (const span of [flow, retrieval, generation]) {
        for (const key of [
          ATTR_RAGTRACE_INPUT_CONTENT,
          ATTR_RAGTRACE_OUTPUT_CONTENT,
          ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
          ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
          ATTR_GEN_AI_INPUT_MESSAGES,
          ATTR_GEN_AI_OUTPUT_MESSAGES,
        ]) {
          assert.equal(span.attributes[key], undefined, `${span.name} has no ${key}`);
        }
      }
    });

    it("records content when the instrumentation's captureContent is on", async () => {
      const memory = startTracing();
      target.instrumentation.setConfig({ captureContent: true });
      await ragChain(kit).invoke(QUESTION);

      const retrieval = memory.span(RETRIEVE_SPAN);
      assert.equal(retrieval.attributes[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], QUESTION);
      assert.deepEqual(JSON.parse(String(retrieval.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS])), [
        { id: 'doc-1', score: 0.91, content: 'ragtrace traces RAG.' },
        { id: 'doc-2', score: 0.47, content: 'It stores spans.' },
      ]);
      const generation = memory.span(GENERATE_SPAN);
      assert.deepEqual(JSON.parse(String(generation.attributes[ATTR_GEN_AI_INPUT_MESSAGES])), [
        {
          role: 'system',
          parts: [
            { type: 'text', content: 'Answer from this context:\nragtrace traces RAG.\nIt stores spans.' },
          ],
        },
        { role: 'user', parts: [{ type: 'text', content: QUESTION }] },
      ]);
      assert.deepEqual(JSON.parse(String(generation.attributes[ATTR_GEN_AI_OUTPUT_MESSAGES])), [
        { role: 'assistant', parts: [{ type: 'text', content: ANSWER }], finish_reason: 'stop' },
      ]);
      const flow = memory.span(WORKFLOW_SPAN);
      assert.match(String(flow.attributes[ATTR_RAGTRACE_INPUT_CONTENT]), /what is ragtrace\?/);
      assert.match(String(flow.attributes[ATTR_RAGTRACE_OUTPUT_CONTENT]), /Tracing for RAG apps\./);
    });

    it('follows a streamed reply: time to first chunk, chunk count and outcome', async () => {
      const memory = startTracing();
      const model = new kit.testing.FakeListChatModel({ responses: [STREAMED_REPLY] });
      const contents: unknown[] = [];
      for await (const chunk of await model.stream('hi')) contents.push(chunk.content);

      assert.deepEqual(contents, uninstrumented.streamedContents);
      const generation = memory.span('chat FakeListChatModel');
      assert.equal(generation.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], STREAMED_REPLY.length);
      assert.equal(generation.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
      const firstChunk = generation.attributes[ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK];
      assert.ok(
        typeof firstChunk === 'number' && firstChunk >= 0 && firstChunk < 60,
        `first chunk ${firstChunk}`,
      );
      assert.equal(generation.status.code, SpanStatusCode.UNSET);
    });

    it('records a text-completion LLM as a text_completion generate span', async () => {
      const memory = startTracing();
      await new kit.testing.FakeLLM({ response: 'completed text' }).invoke('complete this');
      const generation = memory.span('text_completion FakeLLM');
      assert.equal(generation.attributes[ATTR_GEN_AI_OPERATION_NAME], 'text_completion');
      assert.equal(generation.attributes[ATTR_RAGTRACE_STAGE], 'generate');
      assert.equal(generation.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'FakeLLM');
    });

    it('records a tool call with its name, call id, arguments and result', async () => {
      const memory = startTracing({ captureContent: true });
      await lookupOrderTool(kit).invoke(ORDER_TOOL_CALL);
      const call = memory.span('execute_tool lookup_order');
      assert.equal(call.kind, SpanKind.INTERNAL);
      assert.equal(call.attributes[ATTR_GEN_AI_OPERATION_NAME], 'execute_tool');
      assert.equal(call.attributes[ATTR_RAGTRACE_STAGE], 'tool');
      assert.equal(call.attributes[ATTR_GEN_AI_TOOL_NAME], 'lookup_order');
      assert.equal(call.attributes[ATTR_GEN_AI_TOOL_TYPE], 'function');
      assert.equal(call.attributes[ATTR_GEN_AI_TOOL_CALL_ID], 'call_7');
      assert.deepEqual(JSON.parse(String(call.attributes[ATTR_GEN_AI_TOOL_CALL_ARGUMENTS])), { order: '7' });
      assert.equal(call.attributes[ATTR_GEN_AI_TOOL_CALL_RESULT], 'order 7 shipped');
    });

    it('records a failing tool and its workflow as errors, and the app gets the error unchanged', async () => {
      const memory = startTracing();
      await assert.rejects(trackOrderChain(kit).invoke('9'), (error: unknown) => {
        assert.ok(error instanceof OrderNotFoundError);
        assert.equal(error.message, 'no order 9');
        return true;
      });
      const call = memory.span('execute_tool track_order');
      const flow = memory.span('invoke_workflow track-order-flow');
      assert.equal(parentOf(call), idOf(flow));
      for (const span of [call, flow]) {
        assert.equal(span.status.code, SpanStatusCode.ERROR);
        assert.equal(span.status.message, 'no order 9');
        assert.equal(span.attributes[ATTR_ERROR_TYPE], 'OrderNotFoundError');
      }
    });

    it('records a failing model call as an error', async () => {
      const memory = startTracing();
      const model = new kit.testing.FakeListChatModel({ responses: ['unused'] });
      await assert.rejects(model.invoke('hi', { thrownErrorString: 'model unavailable' }), {
        message: 'model unavailable',
      });
      const generation = memory.span('chat FakeListChatModel');
      assert.equal(generation.status.code, SpanStatusCode.ERROR);
      assert.equal(generation.attributes[ATTR_ERROR_TYPE], 'Error');
    });

    it('nests under a workflow() of the SDK', async () => {
      const memory = startTracing();
      await workflow({ name: 'support-bot' }, () => ragChain(kit).invoke(QUESTION));
      assert.equal(parentOf(memory.span(WORKFLOW_SPAN)), idOf(memory.span('invoke_workflow support-bot')));
      assert.equal(parentOf(memory.span(GENERATE_SPAN)), idOf(memory.span(WORKFLOW_SPAN)));
    });

    it('does not add its handler twice when the app passes one too', async () => {
      const memory = startTracing();
      await ragChain(kit).invoke(QUESTION, { callbacks: [new RagtraceCallbackHandler()] });
      assert.deepEqual(sortedNames(memory), [GENERATE_SPAN, WORKFLOW_SPAN, RETRIEVE_SPAN].sort());
    });

    it('keeps a failure inside the instrumentation from the app', async () => {
      const memory = startTracing({
        captureContent: true,
        redact: () => {
          throw new Error('redaction hook broke');
        },
      });
      assert.equal(await ragChain(kit).invoke(QUESTION), ANSWER);
      assert.deepEqual(sortedNames(memory), [GENERATE_SPAN, WORKFLOW_SPAN, RETRIEVE_SPAN].sort());
    });
  });
}
