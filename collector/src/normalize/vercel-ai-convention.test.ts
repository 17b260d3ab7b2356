import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vercelAiRequest } from './test-support/fixtures/vercel-ai-fixture.js';
import {
  assertAttributes,
  assertOriginalsKept,
  normalizeRequest,
  spanNamed,
} from './test-support/normalize-request.js';

describe('Vercel AI SDK spans normalize to the canonical keys', () => {
  const spans = normalizeRequest(vercelAiRequest);

  it('maps a provider call (4.x names): model, provider, settings, usage, prompt and tool calls', () => {
    const span = spanNamed(spans, 'ai.generateText.doGenerate');
    assertAttributes(span, {
      'ragtrace.stage': 'generate',
      'ragtrace.source.convention': 'vercel_ai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.max_tokens': '512',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': '412',
      'gen_ai.usage.output_tokens': '23',
      'session.id': 'sess-77',
      'user.id': 'user-5',
    });
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.input.messages']!), [
      { role: 'system', parts: [{ type: 'text', content: 'Answer from the context only.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'How do I rotate an API key?' }] },
    ]);
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.output.messages']!), [
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'openTicket', arguments: '{"topic":"api-keys"}' }],
        finish_reason: 'tool-calls',
      },
    ]);
  });

  it('maps a streamed provider call (5.x names) with its time to first chunk in seconds', () => {
    assertAttributes(spanNamed(spans, 'ai.streamText.doStream'), {
      'ragtrace.stage': 'generate',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-3-5-haiku-latest',
      'gen_ai.request.max_tokens': '256',
      'gen_ai.response.model': 'claude-3-5-haiku-20241022',
      'gen_ai.usage.input_tokens': '120',
      'gen_ai.usage.output_tokens': '14',
      'gen_ai.usage.cache_read.input_tokens': '64',
      'gen_ai.usage.reasoning.output_tokens': '0',
      'gen_ai.response.finish_reasons': '["stop"]',
      'ragtrace.response.time_to_first_chunk': '0.3125',
    });
  });

  it('makes wrapper spans workflows without token counts, so usage is counted once per call', () => {
    assertAttributes(spanNamed(spans, 'ai.generateText'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.operation.name': 'invoke_workflow',
      'ragtrace.workflow.name': 'answer-question',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': undefined,
      'gen_ai.usage.output_tokens': undefined,
      'ragtrace.input': '{"system":"Answer from the context only.","prompt":"How do I rotate an API key?"}',
      'ragtrace.output': 'Open Settings → API keys.',
    });
    assertAttributes(spanNamed(spans, 'ai.streamText'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.usage.input_tokens': undefined,
    });
  });

  it('maps tool calls and embedding calls', () => {
    assertAttributes(spanNamed(spans, 'ai.toolCall'), {
      'ragtrace.stage': 'tool',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'openTicket',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.call.arguments': '{"topic":"api-keys"}',
      'gen_ai.tool.call.result': '{"ticket":"T-1001"}',
    });
    assertAttributes(spanNamed(spans, 'ai.embed.doEmbed'), {
      'ragtrace.stage': 'embed',
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': '8',
      'ragtrace.embeddings.input_count': '1',
    });
    assertAttributes(spanNamed(spans, 'ai.embed'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.usage.input_tokens': undefined,
    });
  });

  it('counts every fixture span as mapped and keeps every original attribute as sent', () => {
    assert.ok(
      [...spans.values()].every((span) => span.outcome.mapped && span.outcome.convention === 'vercel_ai'),
    );
    assertOriginalsKept(spans);
  });
});
