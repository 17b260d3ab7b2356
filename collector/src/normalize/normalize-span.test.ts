import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newSpanRow } from '../otlp/values/new-span-row.js';
import type { SpanRow } from '../storage/span-row.js';
import { normalizeSpan } from './normalize-span.js';

function rowWith(attributes: Record<string, string>): SpanRow {
  const row = newSpanRow();
  row.SpanName = 'span';
  row.SpanAttributes = { ...attributes };
  return row;
}

describe('normalizeSpan', () => {
  it('never overwrites a canonical key the sender set', () => {
    const sent = {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.provider': 'azure',
      'llm.token_count.prompt': '100',
      'llm.cost.total': '0.5',
      'gen_ai.request.model': 'my-deployment',
      'gen_ai.provider.name': 'azure.ai.openai',
      'gen_ai.usage.input_tokens': '99',
      'gen_ai.operation.name': 'text_completion',
      'ragtrace.usage.cost_usd': '0.25',
      'ragtrace.stage': 'agent',
      'ragtrace.source.convention': 'my-own',
    };
    const row = rowWith(sent);
    const outcome = normalizeSpan(row);
    assert.deepEqual(
      row.SpanAttributes,
      sent,
      'nothing added or changed: every canonical key was already set',
    );
    assert.deepEqual(outcome, { convention: 'openinference', mapped: true });
  });

  it('recognises ragtrace SDK spans by their stage and adds only the convention', () => {
    const row = rowWith({ 'ragtrace.stage': 'retrieve', 'gen_ai.operation.name': 'retrieval' });
    assert.deepEqual(normalizeSpan(row), { convention: 'ragtrace', mapped: true });
    assert.deepEqual(row.SpanAttributes, {
      'ragtrace.stage': 'retrieve',
      'gen_ai.operation.name': 'retrieval',
      'ragtrace.source.convention': 'ragtrace',
    });
  });

  it('replaces a ragtrace.stage outside the eight stages, since the typed tables group by it', () => {
    const row = rowWith({ 'ragtrace.stage': 'thinking', 'gen_ai.operation.name': 'chat' });
    assert.deepEqual(normalizeSpan(row), { convention: 'ragtrace', mapped: true });
    assert.equal(row.SpanAttributes['ragtrace.stage'], 'generate');
  });

  it('prefers the foreign convention whose own marker a span carries over the GenAI keys it shares', () => {
    const row = rowWith({ 'ai.operationId': 'ai.generateText.doGenerate', 'gen_ai.system': 'openai.chat' });
    assert.equal(normalizeSpan(row).convention, 'vercel_ai');
    assert.equal(row.SpanAttributes['gen_ai.provider.name'], 'openai');
  });

  it('survives malformed values: bad JSON, wrong JSON types, non-numeric numbers', () => {
    const row = rowWith({
      'mlflow.spanType': '"CHAT_MODEL"',
      'mlflow.spanInputs': '{"messages": [1, null, {"role": 5}, {"role": "user", "content": {"x": 1}}]}',
      'mlflow.spanOutputs': '{"choices": "nope"',
      'mlflow.chat.tokenUsage': '[1, 2]',
      'mlflow.llm.cost': 'NaN',
    });
    assert.deepEqual(normalizeSpan(row), { convention: 'mlflow', mapped: true });
    assert.equal(row.SpanAttributes['gen_ai.usage.input_tokens'], undefined);
    assert.deepEqual(JSON.parse(row.SpanAttributes['gen_ai.input.messages']!), [{ role: 'user', parts: [] }]);
  });

  it('maps JSON values whose escapes hold lone surrogates to well-formed text (U+FFFD)', () => {
    const row = rowWith({
      'mlflow.spanType': '"CHAT_MODEL"',
      'mlflow.llm.model': '"gpt-4o\\ud800"',
      'mlflow.spanInputs': '{"messages": [{"role": "user", "content": "cut \\udc00"}]}',
    });
    normalizeSpan(row);
    assert.equal(row.SpanAttributes['gen_ai.request.model'], 'gpt-4o\uFFFD');
    assert.deepEqual(JSON.parse(row.SpanAttributes['gen_ai.input.messages']!), [
      { role: 'user', parts: [{ type: 'text', content: 'cut \uFFFD' }] },
    ]);
  });

  it('leaves JSON nested 200,000 levels deep unmapped and keeps the span as sent', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const row = rowWith({
      'mlflow.spanType': '"CHAT_MODEL"',
      'mlflow.spanInputs': deep,
      'mlflow.spanOutputs': deep,
    });
    assert.deepEqual(normalizeSpan(row), { convention: 'mlflow', mapped: true });
    assert.equal(row.SpanAttributes['mlflow.spanInputs'], deep);
    assert.equal(row.SpanAttributes['gen_ai.input.messages'], undefined);
  });

  it('leaves the shared, frozen resource attributes alone', () => {
    const row = rowWith({ 'gen_ai.system': 'openai', 'gen_ai.operation.name': 'chat' });
    row.ResourceAttributes = Object.freeze({ 'service.name': 'svc' }) as Record<string, string>;
    normalizeSpan(row);
    assert.deepEqual(row.ResourceAttributes, { 'service.name': 'svc' });
  });
});
