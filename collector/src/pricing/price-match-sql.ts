/** The table prices live in (database-qualified by callers). */
export const MODEL_PRICES_TABLE = 'genai_model_prices';

/**
 * The regular expression a stored ModelPattern becomes: it must match the whole model name,
 * ignoring case, optionally after a routing prefix ending in `/` (`openai/gpt-4o` from gateways,
 * `models/gemini-2.5-pro` from Google's SDKs).
 */
export function anchoredPatternSql(patternSql: string): string {
  return `concat('(?i)^(?:.*/)?(?:', ${patternSql}, ')$')`;
}

/**
 * True, or an engine error when the pattern cannot be used: RE2 (`match`) must compile it, and
 * so must vectorscan (`multiMatchAllIndices`), which matches a span's model against every price at
 * once and refuses some patterns RE2 takes (lookaround, huge repeats). The price table's
 * constraint and the prices API both run this, so a stored pattern is always one the view can run.
 */
export function patternCompilesSql(patternSql: string): string {
  const anchored = anchoredPatternSql(patternSql);
  return `match('', ${anchored}) IN (0, 1) AND multiMatchAny(materialize(''), [${anchored}]) IN (0, 1)`;
}

/** One price as the view sees it; `cached` already falls back to the input price. */
const PRICE_TUPLE_TYPE =
  "Tuple(provider String, input Float64, output Float64, cached Float64, valid_from DateTime('UTC'), valid_to Nullable(DateTime('UTC')))";

/**
 * Every current price, best first, as `(patterns, prices)`: the anchored patterns and, at the
 * same positions, the prices as named tuples. Best is the higher Priority, then the most recent
 * ValidFrom (a price change on the same pattern), then — only so the choice is deterministic —
 * the longer pattern and the pattern text; length says little about how specific a regular
 * expression is, so overlapping patterns are ordered with Priority. One scalar subquery, so both
 * arrays come from the same read; in a materialized view it runs once per inserted block, so a
 * price edit applies to spans inserted after it. FINAL folds upserts and drops deleted rows.
 */
export function rankedPricesSql(database: string): string {
  return `(
    SELECT (arrayMap(p -> p.1, ranked), arrayMap(p -> p.2, ranked))
    FROM (
        SELECT arrayReverseSort(p -> p.3, groupArray((
            ${anchoredPatternSql('ModelPattern')},
            CAST((Provider, InputPerToken, OutputPerToken, ifNull(CachedInputPerToken, InputPerToken), ValidFrom, ValidTo)
                AS ${PRICE_TUPLE_TYPE}),
            (Priority, ValidFrom, length(ModelPattern), ModelPattern)
        ))) AS ranked
        FROM ${database}.${MODEL_PRICES_TABLE} FINAL
        WHERE IsDeleted = 0
    )
)`;
}

export interface MatchingPricesSql {
  /** The `(patterns, prices)` tuple from {@link rankedPricesSql}. */
  rankedPrices: string;
  model: string;
  timestamp: string;
}

/**
 * The prices whose pattern matches the model and whose validity covers the timestamp, best
 * first. The patterns are a constant of the inserted block, so vectorscan compiles them once and
 * scans each model name against all of them in one pass.
 */
export function matchingPricesSql({ rankedPrices, model, timestamp }: MatchingPricesSql): string {
  return `arrayFilter(
        p -> ${timestamp} >= p.valid_from AND (isNull(p.valid_to) OR ${timestamp} < p.valid_to),
        arrayMap(i -> ${rankedPrices}.2[i], arraySort(multiMatchAllIndices(${model}, ${rankedPrices}.1))))`;
}

/**
 * The price to charge from matching ones: the provider's own listing when it has one (an Azure
 * price for gpt-4o beats OpenAI's for a span from Azure), else the best match of any provider.
 * On an empty array this is a tuple of defaults; callers check for a match first.
 */
export function chosenPriceSql(matching: string, provider: string): string {
  return `arrayConcat(arrayFilter(p -> p.provider = ${provider}, ${matching}), ${matching})[1]`;
}

export interface TokenCostSql {
  price: string;
  inputTokens: string;
  outputTokens: string;
  cacheReadTokens: string;
}

/**
 * USD for one call. Input tokens include cache reads (the GenAI conventions count them in
 * `gen_ai.usage.input_tokens`); those are charged at the cached rate and the rest at the input
 * rate. A cache-read count above the input count (an instrumentation that reports them apart)
 * is capped so the subtraction cannot wrap around.
 */
export function tokenCostSql({ price, inputTokens, outputTokens, cacheReadTokens }: TokenCostSql): string {
  const cached = `least(${cacheReadTokens}, ${inputTokens})`;
  return `(${inputTokens} - ${cached}) * ${price}.input + ${cached} * ${price}.cached + ${outputTokens} * ${price}.output`;
}
