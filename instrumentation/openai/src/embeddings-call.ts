import { beginEmbed } from '@ragtrace/sdk';
import type { EmbedOptions, EmbedSpan } from '@ragtrace/sdk';
import {
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
} from '@ragtrace/semconv';
import type { EmbeddingParams, EmbeddingsResponse, StartCall } from './internal-types.js';
import { PROVIDER_NAME } from './provider.js';
import { serverAttributes } from './server-address.js';

/** Bytes per value of a base64 embedding (little-endian float32). */
const FLOAT32_BYTES = 4;

function isTextList(input: EmbeddingParams['input']): input is readonly string[] {
  return Array.isArray(input) && input.every((item) => typeof item === 'string');
}

/** Inputs given as token ids: one list of numbers, or a list of them. */
function tokenInputCount(input: EmbeddingParams['input']): number | undefined {
  if (input === undefined || typeof input === 'string' || input.length === 0 || isTextList(input))
    return undefined;
  const items: readonly unknown[] = input;
  return items.every((item) => typeof item === 'number') ? 1 : items.length;
}

function dimensionsOf(embedding: readonly number[] | string | undefined): number | undefined {
  if (Array.isArray(embedding)) return embedding.length;
  if (typeof embedding === 'string') return Buffer.byteLength(embedding, 'base64') / FLOAT32_BYTES;
  return undefined;
}

function recordEmbeddings(span: EmbedSpan, response: EmbeddingsResponse, dimensionsRequested: boolean): void {
  span.setResponse({ model: response.model });
  if (response.usage) span.setUsage({ inputTokens: response.usage.prompt_tokens });
  const dimensions = dimensionsOf(response.data?.[0]?.embedding);
  if (!dimensionsRequested && dimensions !== undefined) {
    span.span.setAttribute(ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, dimensions);
  }
}

/** `embeddings.create(body, options)` as an embed stage. */
export const startEmbeddings: StartCall = (resource, args, { config }) => {
  const params = (args[0] ?? {}) as EmbeddingParams;
  const input = params.input;
  const options: EmbedOptions = {
    model: params.model ?? '',
    provider: PROVIDER_NAME,
    // Token ids are not text to capture; their count is recorded below.
    input: typeof input === 'string' || isTextList(input) ? input : undefined,
    dimensions: params.dimensions,
    attributes: {
      ...serverAttributes(resource),
      [ATTR_GEN_AI_REQUEST_ENCODING_FORMATS]:
        params.encoding_format === undefined ? undefined : [params.encoding_format],
    },
  };
  const stage = beginEmbed(options, { captureContent: config.captureContent });
  const tokenInputs = tokenInputCount(input);
  if (tokenInputs !== undefined)
    stage.span.span.setAttribute(ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT, tokenInputs);
  const settle = (value: unknown): void => {
    recordEmbeddings(stage.span, value as EmbeddingsResponse, params.dimensions !== undefined);
    stage.succeed();
  };
  return { stage, args, settle };
};
