import type { ChatCompletionRequest, FinishReason, WireMessage, WireToolCall } from '../llm/wire-types.js';
import { countTokens } from '../text/count-tokens.js';
import { contentTerms } from '../text/terms.js';

/** The mock model's decision for one request, before it is framed as JSON or SSE. */
export interface MockReply {
  readonly content: string | null;
  readonly toolCalls: readonly WireToolCall[];
  readonly finishReason: FinishReason;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

const ORDER_NUMBER = /\bHAL-\d{5}\b/;
/** The model calls a tool that takes this parameter when the user mentions an order number. */
const ORDER_ID_PARAMETER = 'order_id';
/** Retrieved passages appear in the prompt as `[doc-id] text` lines. */
const PASSAGE_LINE = /^\[([\w-]+)\] (.+)$/gm;
const NO_ANSWER = "I don't know based on the Halcyon documentation.";

function textOf(message: WireMessage): string {
  const calls = message.role === 'assistant' ? (message.tool_calls ?? []) : [];
  return [
    message.content ?? '',
    ...calls.map((call) => `${call.function.name} ${call.function.arguments}`),
  ].join(' ');
}

function orderToolName(request: ChatCompletionRequest): string | undefined {
  return request.tools?.find((tool) => {
    const properties = (tool.function.parameters as { properties?: Record<string, unknown> }).properties;
    return properties !== undefined && ORDER_ID_PARAMETER in properties;
  })?.function.name;
}

function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

/** Passages after the first must share this many content words with the question to be used. */
const SUPPORTING_OVERLAP = 2;

function sharedTermCount(question: string, passage: string): number {
  const passageTerms = new Set(contentTerms(passage));
  return new Set(contentTerms(question).filter((term) => passageTerms.has(term))).size;
}

/**
 * Answers from the best passage, plus the next one if it is on topic, citing them when the
 * prompt asks to: the passage order (i.e. retrieval and reranking) shapes the answer.
 */
function answerFromPassages(request: ChatCompletionRequest, question: string): string {
  const prompt = request.messages.map(textOf).join('\n');
  const passages = [...prompt.matchAll(PASSAGE_LINE)]
    .filter(([, , text], index) => index === 0 || sharedTermCount(question, text ?? '') >= SUPPORTING_OVERLAP)
    .slice(0, 2);
  if (passages.length === 0) return NO_ANSWER;
  const cite = /\bcite\b/i.test(prompt);
  const sentences = passages.map(([, id, text]) => `${firstSentence(text ?? '')}${cite ? ` [${id}]` : ''}`);
  // A warmer register at higher temperature, so configurations visibly differ in their answers.
  const opener = (request.temperature ?? 1) >= 0.5 ? 'Sure! ' : '';
  return opener + sentences.join(' ');
}

/** Turns a tool result (JSON with either `error` or the order's fields) into the final answer. */
function answerFromToolResult(result: string): string {
  const parsed = JSON.parse(result) as Record<string, string | undefined>;
  if (parsed['error'] !== undefined) {
    return `I couldn't find that order (${parsed['error']}). Please check the number in your confirmation email.`;
  }
  const carrier = parsed['carrier'] === undefined ? '' : ` with ${parsed['carrier']}`;
  const eta = parsed['expected_delivery'] === undefined ? '' : `, expected on ${parsed['expected_delivery']}`;
  return `Order ${parsed[ORDER_ID_PARAMETER] ?? ''} is ${parsed['status'] ?? 'unknown'}${carrier}${eta}.`;
}

function truncateToTokens(text: string, maxTokens: number | undefined): { text: string; truncated: boolean } {
  const words = text.split(' ');
  if (maxTokens === undefined || countTokens(text) <= maxTokens) return { text, truncated: false };
  while (words.length > 1 && countTokens(words.join(' ')) > maxTokens) words.pop();
  return { text: words.join(' '), truncated: true };
}

/**
 * A deterministic stand-in for a model: it asks for the order tool when the user quotes an
 * order number, phrases the tool's result once it has one, and otherwise stitches an answer
 * from the retrieved passages. Same request, same reply.
 */
export function composeReply(request: ChatCompletionRequest, callId: string): MockReply {
  const promptTokens =
    request.messages.reduce((sum, message) => sum + countTokens(textOf(message)), 0) +
    (request.tools === undefined ? 0 : countTokens(JSON.stringify(request.tools)));
  const last = request.messages.at(-1);
  const orderNumber = last?.role === 'user' ? ORDER_NUMBER.exec(last.content)?.[0] : undefined;
  const toolName = orderToolName(request);

  if (orderNumber !== undefined && toolName !== undefined) {
    const call: WireToolCall = {
      id: callId,
      type: 'function',
      function: { name: toolName, arguments: JSON.stringify({ [ORDER_ID_PARAMETER]: orderNumber }) },
    };
    return {
      content: null,
      toolCalls: [call],
      finishReason: 'tool_calls',
      promptTokens,
      completionTokens: countTokens(`${toolName} ${call.function.arguments}`),
    };
  }

  const question = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
  const answer =
    last?.role === 'tool' ? answerFromToolResult(last.content) : answerFromPassages(request, question);
  const { text, truncated } = truncateToTokens(answer, request.max_tokens);
  return {
    content: text,
    toolCalls: [],
    finishReason: truncated ? 'length' : 'stop',
    promptTokens,
    completionTokens: countTokens(text),
  };
}
