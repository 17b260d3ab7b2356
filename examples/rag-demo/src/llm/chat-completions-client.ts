import { LlmHttpError } from './llm-http-error.js';
import { serverSentEventData } from './server-sent-events.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from './wire-types.js';

/** The event an OpenAI-compatible stream ends with. */
const STREAM_END = '[DONE]';

async function* completionChunks(body: AsyncIterable<Uint8Array>): AsyncGenerator<ChatCompletionChunk> {
  for await (const data of serverSentEventData(body)) {
    if (data === STREAM_END) return;
    yield JSON.parse(data) as ChatCompletionChunk;
  }
}

/** A minimal OpenAI-compatible chat-completions client on plain `fetch`. */
export class ChatCompletionsClient {
  private readonly endpoint: URL;

  /** @param baseUrl the API root, e.g. `http://127.0.0.1:8080/v1/` */
  constructor(baseUrl: string) {
    this.endpoint = new URL('chat/completions', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  }

  async create(request: ChatCompletionRequest): Promise<ChatCompletion> {
    const response = await this.post({ ...request, stream: false });
    return (await response.json()) as ChatCompletion;
  }

  /** Streams the completion; the last chunk carries the usage. */
  async stream(request: ChatCompletionRequest): Promise<AsyncIterable<ChatCompletionChunk>> {
    const response = await this.post({ ...request, stream: true, stream_options: { include_usage: true } });
    if (response.body === null) throw new LlmHttpError(response.status, 'empty streaming response');
    return completionChunks(response.body);
  }

  private async post(request: ChatCompletionRequest): Promise<Response> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new LlmHttpError(response.status, await response.text());
    return response;
  }
}
