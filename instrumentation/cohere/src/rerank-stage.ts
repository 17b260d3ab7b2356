import { beginRerank } from '@ragtrace/sdk';
import type { ScoredDocument, StageOverrides } from '@ragtrace/sdk';
import { PROVIDER_NAME } from './chat-stage.js';
import type {
  CohereRerankDocument,
  CohereRerankRequest,
  CohereRerankResponse,
  StartedCall,
} from './internal-types.js';

function textOf(document: CohereRerankDocument | undefined): string | undefined {
  return typeof document === 'string' ? document : document?.text;
}

/**
 * `rerank` (v1 and v2). Cohere identifies documents by their position in the request, so a
 * document's id is its index there (`"0"`, `"1"`, …), in the input ids and in the ranked output
 * alike: output ids in rank order map straight back to the candidates.
 */
export function startRerank(request: unknown, overrides: StageOverrides): StartedCall {
  const params = (request ?? {}) as CohereRerankRequest;
  const candidates = params.documents ?? [];
  const stage = beginRerank<CohereRerankResponse>(
    {
      provider: PROVIDER_NAME,
      model: params.model,
      topN: params.topN,
      query: params.query,
      documents: candidates.map((document, index) => ({ id: String(index), content: textOf(document) })),
      extractDocuments: (response) =>
        (response.results ?? []).map((result): ScoredDocument => ({
          id: String(result.index),
          score: result.relevanceScore,
          content: result.index === undefined ? undefined : textOf(candidates[result.index]),
        })),
    },
    overrides,
  );
  const settle = (value: unknown): void => {
    stage.span.setResponse({ id: (value as CohereRerankResponse).id });
    stage.succeed(value);
  };
  return { stage, settle };
}
