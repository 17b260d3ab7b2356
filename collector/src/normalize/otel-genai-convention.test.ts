import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { otelGenAiRequest } from './test-support/fixtures/otel-genai-fixture.js';
import {
  assertAttributes,
  assertOriginalsKept,
  normalizeRequest,
  spanNamed,
} from './test-support/normalize-request.js';

describe('OpenTelemetry GenAI spans, current and older forms, normalize to the current keys', () => {
  const spans = normalizeRequest(otelGenAiRequest);

  it('derives the stage of a current-form span and leaves its keys as they are', () => {
    const span = spanNamed(spans, 'chat gpt-4o-mini');
    assertAttributes(span, { 'ragtrace.stage': 'generate', 'ragtrace.source.convention': 'otel_genai' });
    const added = Object.keys(span.attributes).filter((key) => !(key in span.sent));
    assert.deepEqual(added.sort(), ['ragtrace.source.convention', 'ragtrace.stage']);
  });

  it('renames deprecated attributes and reads the removed prompt/completion events', () => {
    const span = spanNamed(spans, 'chat gpt-4o');
    assertAttributes(span, {
      'ragtrace.stage': 'generate',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': '1200',
      'gen_ai.usage.output_tokens': '180',
      'gen_ai.request.seed': '42',
    });
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.input.messages']!), [
      { role: 'user', parts: [{ type: 'text', content: 'How do I rotate an API key?' }] },
    ]);
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.output.messages']!), [
      { role: 'assistant', parts: [{ type: 'text', content: 'Open Settings → API keys.' }] },
    ]);
  });

  it('renames deprecated gen_ai.system values to gen_ai.provider.name values', () => {
    assertAttributes(spanNamed(spans, 'chat mistral-large'), {
      'gen_ai.provider.name': 'azure.ai.inference',
    });
  });

  it('gives each operation its stage', () => {
    assert.equal(spanNamed(spans, 'embeddings text-embedding-3-small').attributes['ragtrace.stage'], 'embed');
    assert.equal(spanNamed(spans, 'execute_tool open_ticket').attributes['ragtrace.stage'], 'tool');
    assert.equal(spanNamed(spans, 'create_agent support').attributes['ragtrace.stage'], 'agent');
  });

  it('counts an operation without a RAG stage as unmapped, and a plain HTTP span as convention none', () => {
    assert.deepEqual(spanNamed(spans, 'speech tts-1').outcome, { convention: 'otel_genai', mapped: false });
    const http = spanNamed(spans, 'GET /healthz');
    assert.deepEqual(http.outcome, { convention: 'none', mapped: false });
    assertAttributes(http, { 'ragtrace.stage': 'other', 'ragtrace.source.convention': 'none' });
  });

  it('keeps every original attribute as sent', () => {
    assertOriginalsKept(spans);
  });
});
