import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PriceStore } from '../../pricing/index.js';
import type { Storage } from '../../storage/storage.js';
import { PayloadTooLargeError } from '../http-errors.js';
import { InvalidParameterError, NotFoundError } from '../../errors/request-errors.js';
import { jsonErrorResponse } from './json-error-handler.js';
import { parsePriceFilter, parsePriceInput, parsePriceKey } from './price-request.js';
import { jsonBody } from './request-parameters.js';

export interface PricesRoutesOptions {
  storage: Storage;
}

/** One price is a few hundred bytes. */
const MAX_PRICE_BODY_BYTES = 16 * 1024;

/**
 * Model prices, mounted at `/api/prices`. This is the write path in embedded mode, where
 * `/clickhouse` is read-only; against a server, SQL edits of `genai_model_prices` work as well.
 * Edits apply to spans inserted after them.
 *
 * - `GET /?provider=&model=` current prices by provider; with `model`, only those whose pattern
 *   matches that model name, best first as the cost calculation ranks them
 * - `PUT /` upserts one price (`{ provider, modelPattern, inputPerToken, outputPerToken,
 *   cachedInputPerToken?, validFrom?, validTo?, priority? }`, USD per token)
 * - `DELETE /?provider=&modelPattern=&validFrom=` removes one (404 when there is none)
 */
export function createPricesRoutes({ storage }: PricesRoutesOptions): Hono {
  const store = new PriceStore(storage);
  const routes = new Hono();

  routes.get('/', async (c) => c.json({ prices: await store.list(parsePriceFilter(c.req.query())) }));

  routes.put(
    '/',
    bodyLimit({
      maxSize: MAX_PRICE_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(`body exceeds the ${MAX_PRICE_BODY_BYTES}-byte limit`);
      },
    }),
    async (c) => {
      const input = parsePriceInput(await jsonBody(c));
      const patternError = await store.patternError(input.modelPattern);
      if (patternError !== undefined) {
        throw new InvalidParameterError(
          'modelPattern',
          `not a regular expression ClickHouse can match models with (RE2 and vectorscan): ${patternError}`,
        );
      }
      return c.json({ price: await store.upsert(input) });
    },
  );

  routes.delete('/', async (c) => {
    const key = parsePriceKey(c.req.query());
    if (!(await store.delete(key))) {
      throw new NotFoundError(
        `no price for provider ${JSON.stringify(key.provider)} and pattern ${JSON.stringify(key.modelPattern)} valid from ${new Date(key.validFromSeconds * 1000).toISOString()}`,
      );
    }
    return c.json({ deleted: true });
  });

  routes.onError(jsonErrorResponse);
  return routes;
}
