export interface ClickHouseException {
  code: number;
  type: string;
  message: string;
  /** Engine version, when known. */
  version?: string | undefined;
}

/**
 * ClickHouse's wording of an exception, `Code: 60. DB::Exception: <message>. (UNKNOWN_TABLE)
 * (version 26.7.2.1)`, which clients (@clickhouse/client among them) parse back into code,
 * message and type. Messages parsed from that shape end in `. `; it is not doubled.
 */
export function formatClickHouseException({ code, type, message, version }: ClickHouseException): string {
  const text = message.trimEnd().replace(/\.$/, '');
  const suffix = version === undefined ? '' : ` (version ${version})`;
  return `Code: ${code}. DB::Exception: ${text}. (${type})${suffix}`;
}
