const TAB_SEPARATED = 'text/tab-separated-values; charset=UTF-8';
const JSON_DOCUMENT = 'application/json; charset=UTF-8';
const JSON_LINES = 'application/x-ndjson; charset=UTF-8';
const BINARY = 'application/octet-stream';
/** ClickHouse's answer for every format that does not name its own type (Pretty, Vertical, …). */
const PLAIN_TEXT = 'text/plain; charset=UTF-8';

/** Lower-cased format name → the Content-Type ClickHouse's output format declares. */
const CONTENT_TYPE_BY_FORMAT = new Map<string, string>([
  ['csv', 'text/csv; charset=UTF-8; header=absent'],
  ['csvwithnames', 'text/csv; charset=UTF-8; header=present'],
  ['csvwithnamesandtypes', 'text/csv; charset=UTF-8; header=present'],
  ['json', JSON_DOCUMENT],
  ['jsonstrings', JSON_DOCUMENT],
  ['jsoncompact', JSON_DOCUMENT],
  ['jsoncompactstrings', JSON_DOCUMENT],
  ['jsoneachrow', JSON_LINES],
  ['jsonlines', JSON_LINES],
  ['ndjson', JSON_LINES],
  ['jsonstringseachrow', JSON_LINES],
  ['xml', 'application/xml; charset=UTF-8'],
  ['native', BINARY],
  ['rowbinary', BINARY],
  ['rowbinarywithnames', BINARY],
  ['rowbinarywithnamesandtypes', BINARY],
  ['parquet', BINARY],
  ['arrow', BINARY],
  ['arrowstream', BINARY],
  ['orc', BINARY],
  ['avro', BINARY],
  ['msgpack', BINARY],
  ['npy', BINARY],
]);

/**
 * The Content-Type ClickHouse sends with a result in `format`; the TabSeparated family goes
 * by prefix (TSV, TSVRaw, TabSeparatedWithNames, …). Names compare case-insensitively, as
 * several of ClickHouse's aliases do.
 */
export function contentTypeForFormat(format: string): string {
  const name = format.toLowerCase();
  if (name.startsWith('tabseparated') || name.startsWith('tsv')) return TAB_SEPARATED;
  return CONTENT_TYPE_BY_FORMAT.get(name) ?? PLAIN_TEXT;
}
