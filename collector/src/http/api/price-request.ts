import type { PriceFilter, PriceInput, PriceKey } from '../../pricing/index.js';
import { describeJsonValue } from '../../errors/describe-json-value.js';
import { InvalidParameterError } from '../../errors/request-errors.js';

const MAX_PROVIDER_LENGTH = 128;
const MAX_PATTERN_LENGTH = 512;
/**
 * Prices are USD per token. Nothing costs a cent per token (the dearest list price is well under
 * a tenth of that), so a larger value is almost surely a per-million figure in the wrong field.
 */
const MAX_PRICE_PER_TOKEN = 0.01;
const PRIORITY_BOUND = 1_000_000;
/** DateTime's range in ClickHouse: Unix seconds that fit an unsigned 32-bit integer. */
const MAX_DATETIME_SECONDS = 4_294_967_295;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/;

const PRICE_FIELDS = new Set([
  'provider',
  'modelPattern',
  'inputPerToken',
  'outputPerToken',
  'cachedInputPerToken',
  'validFrom',
  'validTo',
  'priority',
]);

/** The body of `PUT /api/prices`, validated; the pattern's RE2 syntax is checked by the engine after. */
export function parsePriceInput(body: unknown): PriceInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidParameterError('body', 'expected a JSON object describing one price');
  }
  const fields = body as Record<string, unknown>;
  const unknownField = Object.keys(fields).find((name) => !PRICE_FIELDS.has(name));
  if (unknownField !== undefined) {
    throw new InvalidParameterError(
      unknownField,
      `unknown field; accepted: ${[...PRICE_FIELDS].join(', ')} (prices are USD per token)`,
    );
  }
  const validFromSeconds = optionalDate(fields['validFrom'], 'validFrom') ?? 0;
  const validToSeconds = optionalDate(fields['validTo'], 'validTo');
  if (validToSeconds !== undefined && validToSeconds <= validFromSeconds) {
    throw new InvalidParameterError('validTo', 'must be later than validFrom');
  }
  return {
    provider: requiredText(fields['provider'], 'provider', MAX_PROVIDER_LENGTH),
    modelPattern: requiredText(fields['modelPattern'], 'modelPattern', MAX_PATTERN_LENGTH),
    inputPerToken: price(fields['inputPerToken'], 'inputPerToken'),
    outputPerToken: price(fields['outputPerToken'], 'outputPerToken'),
    cachedInputPerToken:
      fields['cachedInputPerToken'] === undefined || fields['cachedInputPerToken'] === null
        ? null
        : price(fields['cachedInputPerToken'], 'cachedInputPerToken'),
    validFromSeconds,
    validToSeconds: validToSeconds ?? null,
    priority: priority(fields['priority']),
  };
}

/** The query of `DELETE /api/prices`: provider, modelPattern and (default: the epoch) validFrom. */
export function parsePriceKey(query: Record<string, string | undefined>): PriceKey {
  return {
    provider: requiredText(query['provider'], 'provider', MAX_PROVIDER_LENGTH),
    modelPattern: requiredText(query['modelPattern'], 'modelPattern', MAX_PATTERN_LENGTH),
    validFromSeconds: optionalDate(query['validFrom'], 'validFrom') ?? 0,
  };
}

/** The query of `GET /api/prices`: optional provider and model name. */
export function parsePriceFilter(query: Record<string, string | undefined>): PriceFilter {
  const filter: PriceFilter = {};
  if (query['provider'] !== undefined) {
    filter.provider = requiredText(query['provider'], 'provider', MAX_PROVIDER_LENGTH);
  }
  if (query['model'] !== undefined) filter.model = requiredText(query['model'], 'model', MAX_PATTERN_LENGTH);
  return filter;
}

function requiredText(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw new InvalidParameterError(name, `expected a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

function price(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_PRICE_PER_TOKEN) {
    throw new InvalidParameterError(
      name,
      `expected USD per token, a number from 0 to ${MAX_PRICE_PER_TOKEN} (e.g. 0.0000025 for $2.50 per million tokens), got ${describeJsonValue(value)}`,
    );
  }
  return value;
}

function priority(value: unknown): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || Math.abs(value as number) > PRIORITY_BOUND) {
    throw new InvalidParameterError(
      'priority',
      `expected an integer from -${PRIORITY_BOUND} to ${PRIORITY_BOUND}, got ${describeJsonValue(value)}`,
    );
  }
  return value as number;
}

/** Unix seconds of `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`; undefined when absent. */
function optionalDate(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const millis = typeof value === 'string' && DATE_PATTERN.test(value) ? Date.parse(value) : NaN;
  const seconds = Math.floor(millis / 1000);
  // Date.parse rolls 2025-02-30 over into March; a real date reads back the same.
  const exists =
    Number.isFinite(millis) && new Date(millis).toISOString().slice(0, 10) === String(value).slice(0, 10);
  if (!exists || seconds < 0 || seconds > MAX_DATETIME_SECONDS) {
    throw new InvalidParameterError(
      name,
      `expected a UTC date YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ between 1970 and 2106, got ${describeJsonValue(value)}`,
    );
  }
  return seconds;
}
