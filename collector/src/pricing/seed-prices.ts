/**
 * List prices the price table starts with, in USD per million tokens as providers publish them
 * (converted to per-token when seeded). Standard (non-batch) tier; where a provider charges more
 * above a prompt-size threshold (Gemini 2.5 Pro, Gemini 3 Pro above 200k tokens) the lower tier
 * is listed. Prompt-cache writes (Anthropic's 1.25×) are not modelled. Models priced per request
 * rather than per token (Cohere Rerank) are absent.
 *
 * Patterns are RE2 and must match the whole model name, case-insensitively, optionally after a
 * routing prefix such as `openai/` or `models/` (see price-match-sql.ts); an optional dated
 * suffix covers snapshot names like `gpt-4o-2024-08-06` or `claude-sonnet-4-20250514`.
 */

/** The date these list prices were taken from the providers' pricing pages. */
export const SEED_PRICES_AS_OF = '2025-12-01';

/**
 * Provider names as `gen_ai.provider.name` spells them, so a span's provider can prefer its own
 * row when two providers list the same model.
 */
const OPENAI = 'openai';
const ANTHROPIC = 'anthropic';
const GEMINI = 'gcp.gemini';
const MISTRAL = 'mistral_ai';
const COHERE = 'cohere';

export interface SeedPrice {
  provider: string;
  modelPattern: string;
  /** USD per million input tokens (the uncached part). */
  input: number;
  /** USD per million output tokens (reasoning tokens included). */
  output: number;
  /** USD per million cache-read input tokens; absent when the provider lists no discount. */
  cachedInput?: number;
  /** Raised above 0 where a narrower pattern overlaps a broader one. */
  priority?: number;
}

/** `-2024-08-06`-style snapshot suffix (OpenAI, Mistral). */
const DATED = String.raw`(-\d{4}-\d{2}-\d{2})?`;
/** `-20250514`-style snapshot suffix (Anthropic), or its `-latest` alias. */
const ANTHROPIC_DATED = String.raw`(-\d{8}|-latest)?`;

export const SEED_PRICES: readonly SeedPrice[] = [
  { provider: OPENAI, modelPattern: `gpt-5${DATED}`, input: 1.25, cachedInput: 0.125, output: 10 },
  {
    provider: OPENAI,
    modelPattern: String.raw`gpt-5\.1${DATED}`,
    input: 1.25,
    cachedInput: 0.125,
    output: 10,
  },
  { provider: OPENAI, modelPattern: `gpt-5-mini${DATED}`, input: 0.25, cachedInput: 0.025, output: 2 },
  { provider: OPENAI, modelPattern: `gpt-5-nano${DATED}`, input: 0.05, cachedInput: 0.005, output: 0.4 },
  { provider: OPENAI, modelPattern: String.raw`gpt-4\.1${DATED}`, input: 2, cachedInput: 0.5, output: 8 },
  {
    provider: OPENAI,
    modelPattern: String.raw`gpt-4\.1-mini${DATED}`,
    input: 0.4,
    cachedInput: 0.1,
    output: 1.6,
  },
  {
    provider: OPENAI,
    modelPattern: String.raw`gpt-4\.1-nano${DATED}`,
    input: 0.1,
    cachedInput: 0.025,
    output: 0.4,
  },
  { provider: OPENAI, modelPattern: `gpt-4o${DATED}`, input: 2.5, cachedInput: 1.25, output: 10 },
  // The first gpt-4o snapshot kept its launch price, so it outranks the pattern above.
  { provider: OPENAI, modelPattern: 'gpt-4o-2024-05-13', input: 5, output: 15, priority: 1 },
  { provider: OPENAI, modelPattern: `gpt-4o-mini${DATED}`, input: 0.15, cachedInput: 0.075, output: 0.6 },
  { provider: OPENAI, modelPattern: `o1${DATED}`, input: 15, cachedInput: 7.5, output: 60 },
  { provider: OPENAI, modelPattern: `o3${DATED}`, input: 2, cachedInput: 0.5, output: 8 },
  { provider: OPENAI, modelPattern: `o3-mini${DATED}`, input: 1.1, cachedInput: 0.55, output: 4.4 },
  { provider: OPENAI, modelPattern: `o4-mini${DATED}`, input: 1.1, cachedInput: 0.275, output: 4.4 },
  { provider: OPENAI, modelPattern: 'text-embedding-3-small', input: 0.02, output: 0 },
  { provider: OPENAI, modelPattern: 'text-embedding-3-large', input: 0.13, output: 0 },
  { provider: OPENAI, modelPattern: 'text-embedding-ada-002', input: 0.1, output: 0 },

  {
    provider: ANTHROPIC,
    modelPattern: `claude-opus-4-5${ANTHROPIC_DATED}`,
    input: 5,
    cachedInput: 0.5,
    output: 25,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-opus-4-1${ANTHROPIC_DATED}`,
    input: 15,
    cachedInput: 1.5,
    output: 75,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-opus-4(-0)?${ANTHROPIC_DATED}`,
    input: 15,
    cachedInput: 1.5,
    output: 75,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-sonnet-4-5${ANTHROPIC_DATED}`,
    input: 3,
    cachedInput: 0.3,
    output: 15,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-sonnet-4(-0)?${ANTHROPIC_DATED}`,
    input: 3,
    cachedInput: 0.3,
    output: 15,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-haiku-4-5${ANTHROPIC_DATED}`,
    input: 1,
    cachedInput: 0.1,
    output: 5,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-3-7-sonnet${ANTHROPIC_DATED}`,
    input: 3,
    cachedInput: 0.3,
    output: 15,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-3-5-sonnet${ANTHROPIC_DATED}`,
    input: 3,
    cachedInput: 0.3,
    output: 15,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-3-5-haiku${ANTHROPIC_DATED}`,
    input: 0.8,
    cachedInput: 0.08,
    output: 4,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-3-opus${ANTHROPIC_DATED}`,
    input: 15,
    cachedInput: 1.5,
    output: 75,
  },
  {
    provider: ANTHROPIC,
    modelPattern: `claude-3-haiku${ANTHROPIC_DATED}`,
    input: 0.25,
    cachedInput: 0.03,
    output: 1.25,
  },

  {
    provider: GEMINI,
    modelPattern: String.raw`gemini-3-pro(-preview.*)?`,
    input: 2,
    cachedInput: 0.2,
    output: 12,
  },
  {
    provider: GEMINI,
    modelPattern: String.raw`gemini-2\.5-pro(-preview.*)?`,
    input: 1.25,
    cachedInput: 0.125,
    output: 10,
  },
  {
    provider: GEMINI,
    modelPattern: String.raw`gemini-2\.5-flash(-preview.*)?`,
    input: 0.3,
    cachedInput: 0.03,
    output: 2.5,
  },
  {
    provider: GEMINI,
    modelPattern: String.raw`gemini-2\.5-flash-lite(-preview.*)?`,
    input: 0.1,
    cachedInput: 0.01,
    output: 0.4,
  },
  {
    provider: GEMINI,
    modelPattern: String.raw`gemini-2\.0-flash(-\d{3})?`,
    input: 0.1,
    cachedInput: 0.025,
    output: 0.4,
  },
  { provider: GEMINI, modelPattern: String.raw`gemini-2\.0-flash-lite(-\d{3})?`, input: 0.075, output: 0.3 },
  { provider: GEMINI, modelPattern: 'gemini-embedding-001', input: 0.15, output: 0 },

  { provider: MISTRAL, modelPattern: 'mistral-large-(2407|2411)', input: 2, output: 6 },
  { provider: MISTRAL, modelPattern: String.raw`mistral-medium-(2505|2508|latest)`, input: 0.4, output: 2 },
  { provider: MISTRAL, modelPattern: String.raw`mistral-small-(2503|2506|latest)`, input: 0.1, output: 0.3 },
  { provider: MISTRAL, modelPattern: String.raw`magistral-medium-(\d{4}|latest)`, input: 2, output: 5 },
  { provider: MISTRAL, modelPattern: String.raw`magistral-small-(\d{4}|latest)`, input: 0.5, output: 1.5 },
  { provider: MISTRAL, modelPattern: String.raw`codestral-(\d{4}|latest)`, input: 0.3, output: 0.9 },
  { provider: MISTRAL, modelPattern: String.raw`ministral-8b-(\d{4}|latest)`, input: 0.1, output: 0.1 },
  { provider: MISTRAL, modelPattern: String.raw`ministral-3b-(\d{4}|latest)`, input: 0.04, output: 0.04 },
  { provider: MISTRAL, modelPattern: 'mistral-embed', input: 0.1, output: 0 },

  { provider: COHERE, modelPattern: 'command-a-03-2025', input: 2.5, output: 10 },
  { provider: COHERE, modelPattern: 'command-r-plus(-08-2024)?', input: 2.5, output: 10 },
  { provider: COHERE, modelPattern: 'command-r(-08-2024)?', input: 0.15, output: 0.6 },
  { provider: COHERE, modelPattern: 'command-r7b-12-2024', input: 0.0375, output: 0.15 },
  { provider: COHERE, modelPattern: String.raw`embed-v4\.0`, input: 0.12, output: 0 },
  {
    provider: COHERE,
    modelPattern: String.raw`embed-(english|multilingual)(-light)?-v3\.0`,
    input: 0.1,
    output: 0,
  },
];
