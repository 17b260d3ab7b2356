import { quoteIdentifier } from '../storage/sql-text.js';
import { ClickHouseQueryError, StorageUnavailableError } from '../storage/storage-errors.js';
import type { Storage } from '../storage/storage.js';
import type { ModelPrice, PriceFilter, PriceInput, PriceKey } from './model-price.js';
import { anchoredPatternSql, MODEL_PRICES_TABLE, patternCompilesSql } from './price-match-sql.js';

const ISO_FORMAT = "'%Y-%m-%dT%H:%i:%SZ'";

/** Columns as {@link ModelPrice} names them, FINAL folding upserts and hiding deleted rows. */
const selectPrices = (table: string) => `SELECT
    Provider AS provider,
    ModelPattern AS modelPattern,
    InputPerToken AS inputPerToken,
    OutputPerToken AS outputPerToken,
    CachedInputPerToken AS cachedInputPerToken,
    formatDateTime(ValidFrom, ${ISO_FORMAT}) AS validFrom,
    if(isNull(ValidTo), NULL, formatDateTime(assumeNotNull(ValidTo), ${ISO_FORMAT})) AS validTo,
    Priority AS priority,
    Source AS source,
    formatDateTime(UpdatedAt, '%Y-%m-%dT%H:%i:%S.%fZ') AS updatedAt
FROM ${table} FINAL`;

/**
 * Reads and edits `genai_model_prices`. Writes are inserts (a ReplacingMergeTree keeps the newest
 * row per key), so they work the same on embedded storage and on a server, and every value is
 * bound as a parameter or sent as row data.
 */
export class PriceStore {
  /** Qualified: against a server the client's session does not select the collector's database. */
  readonly #select: string;

  constructor(private readonly storage: Storage) {
    this.#select = selectPrices(`${quoteIdentifier(storage.database)}.${MODEL_PRICES_TABLE}`);
  }

  /**
   * Current prices: for one model, best first as the cost calculation ranks them (the first row
   * is the price a span would get, before preferring its own provider); otherwise by provider.
   */
  async list(filter: PriceFilter = {}): Promise<ModelPrice[]> {
    const conditions = ['IsDeleted = 0'];
    const params: Record<string, unknown> = {};
    if (filter.provider !== undefined) {
      conditions.push('Provider = {provider:String}');
      params['provider'] = filter.provider;
    }
    if (filter.model !== undefined) {
      conditions.push(`match({model:String}, ${anchoredPatternSql('ModelPattern')})`);
      params['model'] = filter.model;
    }
    const order =
      filter.model === undefined
        ? 'Provider, ModelPattern, ValidFrom'
        : 'Priority DESC, ValidFrom DESC, length(ModelPattern) DESC, ModelPattern DESC, Provider';
    return this.storage.queryRows<ModelPrice>(
      `${this.#select}
WHERE ${conditions.join(' AND ')}
ORDER BY ${order}`,
      params,
    );
  }

  /** The stored price with this key, or undefined. */
  async get(key: PriceKey): Promise<ModelPrice | undefined> {
    const rows = await this.storage.queryRows<ModelPrice>(
      `${this.#select}
WHERE IsDeleted = 0 AND Provider = {provider:String} AND ModelPattern = {modelPattern:String}
    AND ValidFrom = toDateTime({validFrom:UInt32}, 'UTC')`,
      { provider: key.provider, modelPattern: key.modelPattern, validFrom: key.validFromSeconds },
    );
    return rows[0];
  }

  /** Inserts or replaces the price with the same key; resolves to the stored row. */
  async upsert(price: PriceInput): Promise<ModelPrice> {
    await this.storage.insertRows(MODEL_PRICES_TABLE, [
      {
        Provider: price.provider,
        ModelPattern: price.modelPattern,
        InputPerToken: price.inputPerToken,
        OutputPerToken: price.outputPerToken,
        CachedInputPerToken: price.cachedInputPerToken,
        ValidFrom: price.validFromSeconds,
        ValidTo: price.validToSeconds,
        Priority: price.priority,
        Source: 'user',
      },
    ]);
    const stored = await this.get({
      provider: price.provider,
      modelPattern: price.modelPattern,
      validFromSeconds: price.validFromSeconds,
    });
    if (!stored) throw new StorageUnavailableError('the price just written could not be read back');
    return stored;
  }

  /** Deletes the price with this key; false when there was none. */
  async delete(key: PriceKey): Promise<boolean> {
    const existing = await this.get(key);
    if (!existing) return false;
    // A tombstone with a newer version; FINAL drops the key from then on.
    await this.storage.insertRows(MODEL_PRICES_TABLE, [
      {
        Provider: key.provider,
        ModelPattern: key.modelPattern,
        ValidFrom: key.validFromSeconds,
        InputPerToken: 0,
        OutputPerToken: 0,
        IsDeleted: 1,
      },
    ]);
    return true;
  }

  /**
   * Why the engine refuses the pattern as the cost calculation will run it, or undefined when it
   * compiles. Asked of ClickHouse itself: JavaScript's regular expressions accept things RE2 and
   * vectorscan do not (lookaround, backreferences), and the query is the table's own constraint.
   */
  async patternError(modelPattern: string): Promise<string | undefined> {
    try {
      await this.storage.queryRows(`SELECT ${patternCompilesSql('{pattern:String}')} AS ok`, {
        pattern: modelPattern,
      });
      return undefined;
    } catch (error) {
      // The query reads no table: any refusal by the engine is about the pattern.
      if (error instanceof ClickHouseQueryError) return engineComplaint(error.message);
      throw error;
    }
  }
}

/**
 * The regex engine's own words from ClickHouse's message — RE2's `missing ): (abc` or
 * vectorscan's `Zero-width assertions are not supported.` — without the advice around them.
 */
function engineComplaint(message: string): string {
  const words = /error: (.*?)\. Look at/s.exec(message) ?? /failed with error '(.*?)'/s.exec(message);
  return words?.[1] ?? message.split('\n', 1)[0] ?? message;
}
