import { ClickHouseQueryError } from '../../storage/storage-errors.js';

/** ClickHouse's codes for the errors this endpoint reports itself, under ClickHouse's names. */
export const CLICKHOUSE_ERROR_CODES = {
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  SYNTAX_ERROR: 62,
  UNKNOWN_SETTING: 115,
  INCORRECT_DATA: 117,
  READONLY: 164,
  TOO_MANY_SIMULTANEOUS_QUERIES: 202,
  NETWORK_ERROR: 210,
  QUERY_IS_TOO_LARGE: 229,
  SETTING_CONSTRAINT_VIOLATION: 452,
  UNKNOWN_FORMAT: 73,
  ACCESS_DENIED: 497,
  AUTHENTICATION_FAILED: 516,
  UNSUPPORTED_MEDIA_TYPE: 779,
  UNKNOWN_EXCEPTION: 1002,
} as const;

export type ClickHouseErrorName = keyof typeof CLICKHOUSE_ERROR_CODES;

/** A refusal worded and numbered the way ClickHouse would refuse, raised before the engine runs anything. */
export function clickHouseRefusal(name: ClickHouseErrorName, message: string): ClickHouseQueryError {
  return new ClickHouseQueryError(message, CLICKHOUSE_ERROR_CODES[name], name);
}
