import { diag, DiagLogLevel } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ConfigurationError } from '../configuration-error.js';
import { ENV_GENAI_CAPTURE_CONTENT, ENV_RAGTRACE_CAPTURE_CONTENT } from '../setup/environment-variables.js';
import { agent } from '../stages/agent.js';
import { embed } from '../stages/embed.js';
import { generate } from '../stages/generate.js';
import { rerank } from '../stages/rerank.js';
import { retrieve } from '../stages/retrieve.js';
import { toolCall } from '../stages/tool-call.js';
import { workflow } from '../stages/workflow.js';
import { withEnvironment } from '../test-support/environment.js';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { chunkStream, collect } from '../test-support/streams.js';
import type { RedactContext, SetupTracingOptions } from '../types.js';

const CONTENT_KEYS = [
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
];

const NO_CAPTURE_ENVIRONMENT = {
  [ENV_GENAI_CAPTURE_CONTENT]: undefined,
  [ENV_RAGTRACE_CAPTURE_CONTENT]: undefined,
};

/** One call of every helper, each given all the content it accepts. */
async function runEveryStage(): Promise<void> {
  await workflow({ name: 'pipeline', input: { question: 'Where is my order?' } }, async () => {
    await embed({ model: 'embedder', input: ['Where is my order?'] }, async () => [[0.1]]);
    await retrieve({ dataSource: 'docs', query: 'Where is my order?' }, async (span) => {
      span.setDocuments([{ id: 'doc-1', score: 0.9, content: 'Orders ship in 2 days.' }]);
    });
    await rerank({ model: 'reranker', query: 'order', documents: [{ id: 'doc-1' }] }, async (span) => {
      span.setDocuments([{ id: 'doc-1', score: 0.7, content: 'Orders ship in 2 days.' }]);
    });
    await generate(
      {
        model: 'gpt-4o',
        systemInstructions: 'Answer from the context.',
        messages: [{ role: 'user', content: 'Where is my order?' }],
      },
      async (span) => {
        span.setResponse({ finishReasons: ['stop'] });
        span.setOutput('It ships in 2 days.');
      },
    );
    await toolCall({ name: 'lookup_order_status', arguments: { orderId: 'RT-1' } }, async () => ({
      status: 'shipped',
    }));
    await agent({ name: 'helper', input: 'Check the order' }, async () => 'checked');
    return 'It ships in 2 days.';
  });
}

function contentOf(tracing: MemoryTracing): Map<string, string> {
  const found = new Map<string, string>();
  for (const span of tracing.spans()) {
    for (const key of CONTENT_KEYS) {
      const value = span.attributes[key];
      if (value !== undefined) found.set(`${span.name} ${key}`, String(value));
    }
  }
  return found;
}

async function withTracing(
  environment: Record<string, string | undefined>,
  options: Omit<SetupTracingOptions, 'spanProcessors'>,
  work: (tracing: MemoryTracing) => Promise<void>,
): Promise<void> {
  await withEnvironment(environment, async () => {
    const tracing = setupMemoryTracing(options);
    try {
      await work(tracing);
    } finally {
      await tracing.shutdown();
    }
  });
}

describe('content capture', () => {
  it('is off by default: no content key on any span, while ids and scores are still recorded', async () => {
    await withTracing(NO_CAPTURE_ENVIRONMENT, {}, async (tracing) => {
      await runEveryStage();

      assert.equal(tracing.spans().length, 7);
      assert.deepEqual([...contentOf(tracing).keys()], []);
      assert.deepEqual(tracing.span('retrieval docs').attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [
        'doc-1',
      ]);
    });
  });

  describe('when enabled with captureContent: true', () => {
    let tracing: MemoryTracing;
    before(() => {
      tracing = setupMemoryTracing({ captureContent: true });
    });
    afterEach(() => tracing.reset());
    after(() => tracing.shutdown());

    it('records every kind of content under its canonical key', async () => {
      await runEveryStage();

      const content = contentOf(tracing);
      assert.deepEqual(JSON.parse(content.get(`invoke_workflow pipeline ${ATTR_RAGTRACE_INPUT_CONTENT}`)!), {
        question: 'Where is my order?',
      });
      assert.equal(
        content.get(`invoke_workflow pipeline ${ATTR_RAGTRACE_OUTPUT_CONTENT}`),
        'It ships in 2 days.',
      );
      assert.deepEqual(JSON.parse(content.get(`embeddings embedder ${ATTR_RAGTRACE_INPUT_CONTENT}`)!), [
        'Where is my order?',
      ]);
      assert.equal(content.get(`retrieval docs ${ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT}`), 'Where is my order?');
      assert.deepEqual(JSON.parse(content.get(`retrieval docs ${ATTR_GEN_AI_RETRIEVAL_DOCUMENTS}`)!), [
        { id: 'doc-1', score: 0.9, content: 'Orders ship in 2 days.' },
      ]);
      assert.equal(content.get(`rerank reranker ${ATTR_RAGTRACE_INPUT_CONTENT}`), 'order');
      assert.deepEqual(JSON.parse(content.get(`rerank reranker ${ATTR_RAGTRACE_OUTPUT_CONTENT}`)!), [
        { id: 'doc-1', score: 0.7, content: 'Orders ship in 2 days.' },
      ]);
      assert.deepEqual(JSON.parse(content.get(`chat gpt-4o ${ATTR_GEN_AI_SYSTEM_INSTRUCTIONS}`)!), [
        { type: 'text', content: 'Answer from the context.' },
      ]);
      assert.deepEqual(JSON.parse(content.get(`chat gpt-4o ${ATTR_GEN_AI_INPUT_MESSAGES}`)!), [
        { role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] },
      ]);
      assert.deepEqual(JSON.parse(content.get(`chat gpt-4o ${ATTR_GEN_AI_OUTPUT_MESSAGES}`)!), [
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'It ships in 2 days.' }],
          finish_reason: 'stop',
        },
      ]);
      assert.deepEqual(
        JSON.parse(content.get(`execute_tool lookup_order_status ${ATTR_GEN_AI_TOOL_CALL_ARGUMENTS}`)!),
        { orderId: 'RT-1' },
      );
      assert.deepEqual(
        JSON.parse(content.get(`execute_tool lookup_order_status ${ATTR_GEN_AI_TOOL_CALL_RESULT}`)!),
        {
          status: 'shipped',
        },
      );
      assert.equal(content.get(`invoke_agent helper ${ATTR_RAGTRACE_INPUT_CONTENT}`), 'Check the order');
      assert.equal(content.get(`invoke_agent helper ${ATTR_RAGTRACE_OUTPUT_CONTENT}`), 'checked');
      assert.equal(content.size, 14);
    });

    it('records the output a stream accumulated through onChunk once it completes', async () => {
      let text = '';
      const stream = generate(
        {
          model: 'gpt-4o',
          onChunk: (chunk: string, span) => {
            text += chunk;
            span.setOutput(text);
          },
        },
        () => chunkStream(['It ', 'ships.']),
      );
      await collect(stream);

      assert.deepEqual(
        JSON.parse(String(tracing.span('chat gpt-4o').attributes[ATTR_GEN_AI_OUTPUT_MESSAGES])),
        [{ role: 'assistant', parts: [{ type: 'text', content: 'It ships.' }] }],
      );
    });

    it('records tool calls and tool responses in message parts', async () => {
      await generate(
        {
          model: 'gpt-4o',
          messages: [
            { role: 'assistant', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { id: 1 } }] },
            { role: 'tool', toolCallId: 'call_1', content: '{"status":"shipped"}' },
          ],
        },
        async () => 'done',
      );

      assert.deepEqual(
        JSON.parse(String(tracing.span('chat gpt-4o').attributes[ATTR_GEN_AI_INPUT_MESSAGES])),
        [
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call_1', name: 'lookup', arguments: { id: 1 } }],
          },
          {
            role: 'tool',
            parts: [{ type: 'tool_call_response', id: 'call_1', response: '{"status":"shipped"}' }],
          },
        ],
      );
    });
  });

  it('passes content through the redact hook, which can replace or drop it', async () => {
    const seen: RedactContext[] = [];
    const redact = (content: string, context: RedactContext): string | undefined => {
      seen.push(context);
      if (context.kind === 'output') return undefined;
      return content.replaceAll(/RT-\d+/g, '[order]');
    };

    await withTracing(NO_CAPTURE_ENVIRONMENT, { captureContent: true, redact }, async (tracing) => {
      await runEveryStage();

      const content = contentOf(tracing);
      assert.equal(
        content.get(`execute_tool lookup_order_status ${ATTR_GEN_AI_TOOL_CALL_ARGUMENTS}`),
        '{"orderId":"[order]"}',
      );
      assert.equal(content.has(`execute_tool lookup_order_status ${ATTR_GEN_AI_TOOL_CALL_RESULT}`), false);
      assert.equal(content.has(`chat gpt-4o ${ATTR_GEN_AI_OUTPUT_MESSAGES}`), false);
      assert.equal(content.has(`retrieval docs ${ATTR_GEN_AI_RETRIEVAL_DOCUMENTS}`), false);
      assert.ok(content.has(`chat gpt-4o ${ATTR_GEN_AI_INPUT_MESSAGES}`));
      assert.ok(
        seen.some(
          (context) =>
            context.stage === 'tool' &&
            context.kind === 'input' &&
            context.attribute === ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
        ),
      );
      assert.ok(seen.some((context) => context.stage === 'retrieve' && context.kind === 'output'));
    });
  });

  it('drops content, keeps the call working and reports to diag when the redact hook throws', async () => {
    const reported: string[] = [];
    diag.setLogger(
      {
        error: (message) => reported.push(message),
        warn: () => {},
        info: () => {},
        debug: () => {},
        verbose: () => {},
      },
      { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true },
    );
    const redact = (): string => {
      throw new Error('redactor bug');
    };

    try {
      await withTracing(NO_CAPTURE_ENVIRONMENT, { captureContent: true, redact }, async (tracing) => {
        const result = await generate(
          { model: 'gpt-4o', messages: [{ role: 'user', content: 'secret' }] },
          async (span) => {
            span.setOutput('secret answer');
            return 'secret answer';
          },
        );

        assert.equal(result, 'secret answer');
        assert.equal(tracing.spans().length, 1);
        assert.deepEqual([...contentOf(tracing).keys()], []);
      });
    } finally {
      diag.disable();
    }
    assert.ok(reported.some((message) => message.includes(`recording ${ATTR_GEN_AI_INPUT_MESSAGES} failed`)));
  });

  for (const variable of [ENV_GENAI_CAPTURE_CONTENT, ENV_RAGTRACE_CAPTURE_CONTENT]) {
    it(`is enabled by ${variable}=true`, async () => {
      await withTracing({ ...NO_CAPTURE_ENVIRONMENT, [variable]: 'true' }, {}, async (tracing) => {
        await toolCall({ name: 'lookup', arguments: 'RT-1' }, () => 'shipped');

        const content = contentOf(tracing);
        assert.equal(content.get(`execute_tool lookup ${ATTR_GEN_AI_TOOL_CALL_ARGUMENTS}`), 'RT-1');
        assert.equal(content.get(`execute_tool lookup ${ATTR_GEN_AI_TOOL_CALL_RESULT}`), 'shipped');
      });
    });
  }

  it('treats the GenAI capture mode SPAN_ONLY as enabled', async () => {
    await withTracing(
      { ...NO_CAPTURE_ENVIRONMENT, [ENV_GENAI_CAPTURE_CONTENT]: 'SPAN_ONLY' },
      {},
      async (tracing) => {
        await toolCall({ name: 'lookup', arguments: 'RT-1' }, () => 'shipped');

        assert.equal(contentOf(tracing).size, 2);
      },
    );
  });

  it('lets captureContent: false win over the environment', async () => {
    await withTracing({ [ENV_GENAI_CAPTURE_CONTENT]: 'true' }, { captureContent: false }, async (tracing) => {
      await toolCall({ name: 'lookup', arguments: 'RT-1' }, () => 'shipped');

      assert.equal(contentOf(tracing).size, 0);
    });
  });

  it('rejects an unrecognised environment value at setup, naming the variable', async () => {
    await withEnvironment({ ...NO_CAPTURE_ENVIRONMENT, [ENV_RAGTRACE_CAPTURE_CONTENT]: 'yes please' }, () => {
      assert.throws(
        () => setupMemoryTracing(),
        (error) =>
          error instanceof ConfigurationError &&
          error.setting === ENV_RAGTRACE_CAPTURE_CONTENT &&
          error.value === 'yes please' &&
          error.message.includes(`'true'`),
      );
    });
  });
});
