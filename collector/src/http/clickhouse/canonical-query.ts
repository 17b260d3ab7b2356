import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import type { Storage } from '../../storage/storage.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';

/**
 * The query as the engine itself writes it back from its own parse (`formatQuery`), the only
 * text a read ever explains and runs. The caller's text reaches the engine as a bound value,
 * so it is parsed, never run: an empty text, a syntax error, or more than one statement is
 * the engine's refusal (ClickHouse's HTTP interface runs one statement; so does this endpoint).
 * Comments, Unicode quotes and other spellings the engine reads its own way are gone from the
 * result, and every literal and identifier in it is escaped onto one line.
 *
 * The canonical text must be canonical itself — formatting it again gives it back — so that
 * what is checked and what runs cannot parse differently even where the formatter has a bug.
 */
export async function canonicalQuery(storage: Storage, text: string): Promise<string> {
  const canonical = await formatQuery(storage, text);
  if ((await formatQuery(storage, canonical)) !== canonical) {
    throw clickHouseRefusal(
      'ACCESS_DENIED',
      'The query could not be checked: the engine formats it differently each time',
    );
  }
  return canonical;
}

async function formatQuery(storage: Storage, text: string): Promise<string> {
  try {
    const [row] = await storage.queryRows<{ canonical: string }>(
      'SELECT formatQuery({text:String}) AS canonical',
      {
        text,
      },
    );
    return row?.canonical ?? '';
  } catch (error) {
    if (!(error instanceof ClickHouseQueryError)) throw error;
    // The engine names the wrapping SELECT as the error's scope; the caller never wrote it.
    const message = error.message.replace(/:? In scope SELECT formatQuery\(.*$/s, '');
    throw new ClickHouseQueryError(message, error.clickhouseCode, error.clickhouseType, { cause: error });
  }
}
