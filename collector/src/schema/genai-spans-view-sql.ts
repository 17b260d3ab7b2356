import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_PROMPT_VERSION,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RUN_ID,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
  ATTR_RAGTRACE_USAGE_COST_USD,
  ATTR_SESSION_ID,
  ATTR_USER_ID,
  RAG_STAGE,
} from '@ragtrace/semconv';
import { chosenPriceSql, matchingPricesSql, rankedPricesSql, tokenCostSql } from '../pricing/index.js';
import { PROJECT_SELECT_SQL } from './project-column-sql.js';
import { addedColumnsSql } from './view-versions.js';
import { spanAttributeSql as attribute, stageSql } from './span-attribute-sql.js';
import { sqlStringLiteral } from '../storage/sql-text.js';

/** Columns each version of the view adds after the first's: 2 (migration 0006) the project. */
const ADDED_COLUMNS = [[], [PROJECT_SELECT_SQL]] as const;

export type GenaiSpansViewVersion = 1 | 2;

/** Where {@link genaiSpansViewSql}'s CostUsd came from. */
export const COST_SOURCE = { reported: 'reported', priceTable: 'price_table', none: '' } as const;

/**
 * The SELECT of `genai_spans_mv`: one typed row per GenAI/RAG span of `otel_traces`, read from
 * the canonical attribute keys (`@ragtrace/semconv`). Every expression is total — lenient number
 * parsing, no function that throws on odd input — because an error here would fail the insert
 * into otel_traces itself. The one exception would be a price pattern RE2 cannot compile, which
 * the price table's constraint refuses before it is stored.
 *
 * `version` is the view's definition as a migration set it: each version adds the columns of
 * {@link ADDED_COLUMNS} at its index, so an old migration keeps rendering what it shipped.
 */
export function genaiSpansViewSql(database: string, version: GenaiSpansViewVersion): string {
  const tokens = (key: string) => `toUInt64OrZero(${attribute(key)})`;
  const matching = matchingPricesSql({
    rankedPrices: 'ranked_prices',
    model: 'price_model',
    timestamp: 'Timestamp',
  });
  const priced = tokenCostSql({
    price: 'price',
    inputTokens: 'InputTokens',
    outputTokens: 'OutputTokens',
    cacheReadTokens: 'CacheReadTokens',
  });
  const rerankOutputIds = attribute(ATTR_RAGTRACE_RERANK_OUTPUT_IDS);
  return `WITH
    ${rankedPricesSql(database)} AS ranked_prices,
    if(ResponseModel != '', ResponseModel, RequestModel) AS price_model,
    toFloat64OrNull(${attribute(ATTR_RAGTRACE_USAGE_COST_USD)}) AS reported_cost,
    -- Only spans with usage are priced, which keeps regex matching off every other span.
    if(InputTokens + OutputTokens > 0 AND price_model != '', ${matching}, []) AS matching_prices,
    ${chosenPriceSql('matching_prices', 'Provider')} AS price
SELECT
    Timestamp,
    TraceId,
    SpanId,
    ParentSpanId,
    ServiceName,
    SpanName,
    ${stageSql()} AS Stage,
    ${attribute(ATTR_GEN_AI_OPERATION_NAME)} AS OperationName,
    ${attribute(ATTR_GEN_AI_PROVIDER_NAME)} AS Provider,
    ${attribute(ATTR_GEN_AI_REQUEST_MODEL)} AS RequestModel,
    ${attribute(ATTR_GEN_AI_RESPONSE_MODEL)} AS ResponseModel,
    ${tokens(ATTR_GEN_AI_USAGE_INPUT_TOKENS)} AS InputTokens,
    ${tokens(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS)} AS OutputTokens,
    ${tokens(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)} AS CacheReadTokens,
    ${tokens(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)} AS ReasoningTokens,
    multiIf(isNotNull(reported_cost), reported_cost, notEmpty(matching_prices), ${priced}, NULL) AS CostUsd,
    multiIf(isNotNull(reported_cost), ${sqlStringLiteral(COST_SOURCE.reported)},
        notEmpty(matching_prices), ${sqlStringLiteral(COST_SOURCE.priceTable)},
        ${sqlStringLiteral(COST_SOURCE.none)}) AS CostSource,
    Duration,
    toFloat64OrNull(${attribute(ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK)}) AS TimeToFirstChunk,
    StatusCode,
    ${attribute(ATTR_RAGTRACE_RUN_ID)} AS RunId,
    ${attribute(ATTR_RAGTRACE_EXPERIMENT_NAME)} AS ExperimentName,
    ${attribute(ATTR_GEN_AI_PROMPT_NAME)} AS PromptName,
    ${attribute(ATTR_RAGTRACE_PROMPT_VERSION)} AS PromptVersion,
    if(${attribute(ATTR_GEN_AI_CONVERSATION_ID)} != '', ${attribute(ATTR_GEN_AI_CONVERSATION_ID)}, ${attribute(ATTR_SESSION_ID)}) AS SessionId,
    ${attribute(ATTR_USER_ID)} AS UserId,
    ${attribute(ATTR_GEN_AI_DATA_SOURCE_ID)} AS DataSourceId,
    toUInt32OrNull(${attribute(ATTR_GEN_AI_REQUEST_TOP_K)}) AS TopK,
    -- A rerank reports the documents it kept as a JSON array of ids.
    ifNull(toUInt32OrNull(${attribute(ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT)}),
        if(${rerankOutputIds} != '', toUInt32(length(JSONExtractArrayRaw(${rerankOutputIds}))), NULL)) AS DocumentCount${addedColumnsSql(ADDED_COLUMNS, version)}
FROM ${database}.otel_traces
WHERE Stage != ${sqlStringLiteral(RAG_STAGE.other)} OR OperationName != ''`;
}
