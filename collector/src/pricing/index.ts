/** Model prices: the seeded list, the SQL the cost calculation runs, and the store behind the API. */
export { SEED_PRICES, SEED_PRICES_AS_OF } from './seed-prices.js';
export type { SeedPrice } from './seed-prices.js';
export {
  MODEL_PRICES_TABLE,
  anchoredPatternSql,
  patternCompilesSql,
  rankedPricesSql,
  matchingPricesSql,
  chosenPriceSql,
  tokenCostSql,
} from './price-match-sql.js';
export type { MatchingPricesSql, TokenCostSql } from './price-match-sql.js';
export { PriceStore } from './price-store.js';
export type { ModelPrice, PriceInput, PriceKey, PriceFilter } from './model-price.js';
