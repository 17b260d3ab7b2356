/** One row of the price table as the API and CLI show it. Prices are USD per token. */
export interface ModelPrice {
  /** `gen_ai.provider.name` of the listing (`openai`, `anthropic`, `gcp.gemini`, …). */
  provider: string;
  /** RE2 expression matched against the whole model name, case-insensitively. */
  modelPattern: string;
  inputPerToken: number;
  outputPerToken: number;
  /** Price of a cache-read input token; null when the listing has no discount (input price applies). */
  cachedInputPerToken: number | null;
  /** ISO 8601 UTC; the price applies to spans at or after it. */
  validFrom: string;
  /** ISO 8601 UTC; the price applies to spans before it. Null: open-ended. */
  validTo: string | null;
  /** Higher wins when several patterns match a model; among equals, the later validFrom. */
  priority: number;
  /** `seed:<date>` for list prices shipped with ragtrace, `user` for edits. */
  source: string;
  updatedAt: string;
}

/** What an upsert writes; dates as Unix seconds. */
export interface PriceInput {
  provider: string;
  modelPattern: string;
  inputPerToken: number;
  outputPerToken: number;
  cachedInputPerToken: number | null;
  validFromSeconds: number;
  validToSeconds: number | null;
  priority: number;
}

/** A price row's identity: a later upsert with the same key replaces it. */
export interface PriceKey {
  provider: string;
  modelPattern: string;
  validFromSeconds: number;
}

export interface PriceFilter {
  provider?: string;
  /** Only prices whose pattern matches this model name. */
  model?: string;
}
