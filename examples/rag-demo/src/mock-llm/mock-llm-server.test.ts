import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { replyFromCompletion, StreamedReply } from '../llm/assistant-reply.js';
import { ChatCompletionsClient } from '../llm/chat-completions-client.js';
import { LlmHttpError } from '../llm/llm-http-error.js';
import type { ChatCompletionChunk, ChatCompletionRequest, WireTool } from '../llm/wire-types.js';
import type { MockLlmServer } from './mock-llm-server.js';
import { startMockLlmServer } from './mock-llm-server.js';

const ORDER_TOOL: WireTool = {
  type: 'function',
  function: {
    name: 'find_order',
    description: 'Finds an order',
    parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
  },
};

const RAG_REQUEST: ChatCompletionRequest = {
  model: 'demo-model',
  temperature: 0.2,
  messages: [
    {
      role: 'system',
      content:
        'Answer from the passages.\n\nPassages:\n[eco] Eco mode saves energy while nobody is home. It is on by default.\n' +
        '[wifi] Wi-Fi needs 2.4 GHz.',
    },
    { role: 'user', content: 'Does eco mode save energy?' },
  ],
};

async function collectChunks(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('mock LLM server', () => {
  let server: MockLlmServer;
  let client: ChatCompletionsClient;
  before(async () => {
    server = await startMockLlmServer();
    client = new ChatCompletionsClient(server.baseUrl);
  });
  after(() => server.close());

  it('answers a chat completion from the prompt’s passages, with usage', async () => {
    const completion = await client.create(RAG_REQUEST);

    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'demo-model');
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(completion.choices[0]?.message.content, 'Eco mode saves energy while nobody is home.');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.ok(completion.usage.prompt_tokens > 20);
    assert.equal(completion.usage.completion_tokens, 9);
    assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + 9);
  });

  it('streams the same answer as SSE chunks, ending with a usage chunk', async () => {
    const chunks = await collectChunks(await client.stream(RAG_REQUEST));

    assert.ok(chunks.length > 3);
    assert.ok(chunks.every((chunk) => chunk.object === 'chat.completion.chunk'));
    const reply = new StreamedReply();
    chunks.forEach((chunk) => reply.add(chunk));
    assert.equal(reply.reply().content, 'Eco mode saves energy while nobody is home.');
    assert.equal(reply.reply().finishReason, 'stop');
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.completion_tokens, 9);
  });

  it('asks for the order tool when the user quotes an order number, then phrases its result', async () => {
    const question: ChatCompletionRequest = {
      model: 'demo-model',
      tools: [ORDER_TOOL],
      messages: [{ role: 'user', content: 'Where is HAL-12345?' }],
    };
    const first = replyFromCompletion(await client.create(question));

    assert.equal(first.finishReason, 'tool_calls');
    assert.equal(first.toolCalls[0]?.function.name, 'find_order');
    assert.deepEqual(JSON.parse(first.toolCalls[0]?.function.arguments ?? ''), { order_id: 'HAL-12345' });

    const call = first.toolCalls[0]!;
    const second = await client.create({
      ...question,
      messages: [
        ...question.messages,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"order_id":"HAL-12345","status":"shipped"}' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'Order HAL-12345 is shipped.');
  });

  it('streams tool calls so they can be reassembled', async () => {
    const reply = new StreamedReply();
    const stream = await client.stream({
      model: 'demo-model',
      tools: [ORDER_TOOL],
      messages: [{ role: 'user', content: 'Status of HAL-55555 please' }],
    });
    for await (const chunk of stream) reply.add(chunk);

    assert.equal(reply.reply().finishReason, 'tool_calls');
    assert.equal(reply.reply().toolCalls[0]?.function.arguments, '{"order_id":"HAL-55555"}');
  });

  it('stops at max_tokens with finish reason length', async () => {
    const completion = await client.create({ ...RAG_REQUEST, max_tokens: 4 });

    assert.equal(completion.choices[0]?.finish_reason, 'length');
    assert.equal(completion.usage.completion_tokens, 4);
  });

  it('rejects a malformed request with 400 and an OpenAI-style error', async () => {
    await assert.rejects(
      client.create({ model: 'demo-model', messages: [] }),
      (error) =>
        error instanceof LlmHttpError &&
        error.status === 400 &&
        error.responseBody.includes('invalid_request'),
    );
  });
});
