/** The chat-completions endpoint answered with a non-2xx status. */
export class LlmHttpError extends Error {
  readonly code = 'LLM_HTTP_ERROR';
  readonly status: number;
  readonly responseBody: string;

  constructor(status: number, responseBody: string) {
    super(`chat completions request failed with HTTP ${status}: ${responseBody.slice(0, 200)}`);
    this.name = 'LlmHttpError';
    this.status = status;
    this.responseBody = responseBody;
  }
}
