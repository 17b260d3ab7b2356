/** The surface of the openai package that 4.x and 6.x share and the tests use. */

export type ApiPromise<T> = Promise<T> & {
  withResponse(): Promise<{ data: T; response: Response; request_id: string | null }>;
  asResponse(): Promise<Response>;
};

export type OpenAIStream = AsyncIterable<unknown> & {
  readonly controller: AbortController;
  tee(): [OpenAIStream, OpenAIStream];
};

interface Creates {
  create(params: object): ApiPromise<unknown>;
}

export interface OpenAIClient {
  readonly chat: { readonly completions: Creates };
  readonly responses: Creates;
  readonly embeddings: Creates;
}

export interface OpenAIClientOptions {
  apiKey: string;
  baseURL: string;
  maxRetries: number;
}

export interface OpenAISdk {
  readonly OpenAI: new (options: OpenAIClientOptions) => OpenAIClient;
}

export function newClient(sdk: OpenAISdk, serverUrl: string): OpenAIClient {
  return new sdk.OpenAI({ apiKey: 'test-key', baseURL: `${serverUrl}/v1`, maxRetries: 0 });
}
