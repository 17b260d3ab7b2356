import { beginEmbed } from '@ragtrace/sdk';
import { ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT } from '@ragtrace/semconv';
import type { StageOverrides } from '@ragtrace/sdk';
import { PROVIDER_NAME } from './chat-stage.js';
import type { CohereEmbedRequest, CohereEmbedResponse, StartedCall } from './internal-types.js';
import { tokenUsageOf } from './usage.js';

/** `embed` (v1 and v2): texts, images or mixed inputs in, billed input tokens in `meta`. */
export function startEmbed(request: unknown, overrides: StageOverrides): StartedCall {
  const params = (request ?? {}) as CohereEmbedRequest;
  const texts = params.texts;
  const stage = beginEmbed(
    {
      provider: PROVIDER_NAME,
      model: params.model ?? '',
      // Content is only the texts; the count covers whatever was embedded.
      input: texts,
      dimensions: params.outputDimension,
    },
    overrides,
  );
  const count = texts?.length ?? params.inputs?.length ?? params.images?.length;
  if (texts === undefined && count !== undefined)
    stage.span.span.setAttribute(ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT, count);
  const settle = (value: unknown): void => {
    const response = value as CohereEmbedResponse;
    stage.span.setResponse({ id: response.id });
    stage.span.setUsage(tokenUsageOf(response.meta));
    stage.succeed();
  };
  return { stage, settle };
}
