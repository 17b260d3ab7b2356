import type { ReadQueryLimits } from '../../storage/read-query-limits.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';

/** Whether a requested value is one this setting may take here. */
interface SettingRule {
  accepts(value: string): boolean;
  /** What is accepted, for the refusal's message. */
  expected: string;
}

const pattern = (expected: string, shape: RegExp): SettingRule => ({
  accepts: (value) => shape.test(value),
  expected,
});
const oneOf = (...values: string[]): SettingRule => ({
  accepts: (value) => values.includes(value.toLowerCase()),
  expected: values.join(', '),
});

const BOOLEAN = oneOf('0', '1', 'true', 'false');
const COUNT = pattern('a whole number', /^\d{1,18}$/);
const OVERFLOW_MODE = oneOf('throw', 'break');
/** Short printable text: a delimiter, a NULL or boolean spelling, a comment. */
const SHORT_TEXT = pattern('up to 16 printable characters', /^[^\p{Cc}]{0,16}$/u);
const ONE_CHARACTER = pattern('one printable character', /^[^\p{Cc}]$/u);

/**
 * Settings that change only how a result is written out. Format settings that name a file
 * (`format_schema`, `output_format_schema`, `format_template_*`) are left out on purpose: they
 * would read or write the collector host's files.
 */
const OUTPUT_SETTINGS: Readonly<Record<string, SettingRule>> = {
  date_time_output_format: oneOf('simple', 'iso', 'unix_timestamp'),
  interval_output_format: oneOf('kusto', 'numeric'),
  session_timezone: pattern('a time zone name such as Europe/Berlin', /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/),
  extremes: BOOLEAN,
  bool_true_representation: SHORT_TEXT,
  bool_false_representation: SHORT_TEXT,
  format_csv_delimiter: ONE_CHARACTER,
  format_csv_null_representation: SHORT_TEXT,
  format_tsv_null_representation: SHORT_TEXT,
  output_format_arrow_string_as_string: BOOLEAN,
  output_format_binary_encode_types_in_binary_format: BOOLEAN,
  output_format_csv_crlf_end_of_line: BOOLEAN,
  output_format_decimal_trailing_zeros: BOOLEAN,
  output_format_json_array_of_rows: BOOLEAN,
  output_format_json_escape_forward_slashes: BOOLEAN,
  output_format_json_map_as_array_of_tuples: BOOLEAN,
  output_format_json_named_tuples_as_objects: BOOLEAN,
  output_format_json_pretty_print: BOOLEAN,
  output_format_json_quote_64bit_floats: BOOLEAN,
  output_format_json_quote_64bit_integers: BOOLEAN,
  output_format_json_quote_decimals: BOOLEAN,
  output_format_json_quote_denormals: BOOLEAN,
  output_format_json_validate_utf8: BOOLEAN,
  output_format_markdown_escape_special_characters: BOOLEAN,
  output_format_native_encode_types_in_binary_format: BOOLEAN,
  output_format_orc_string_as_string: BOOLEAN,
  output_format_parquet_string_as_string: BOOLEAN,
  output_format_pretty_color: oneOf('0', '1', 'auto'),
  output_format_pretty_grid_charset: oneOf('utf-8', 'ascii'),
  output_format_pretty_max_column_pad_width: COUNT,
  output_format_pretty_max_rows: COUNT,
  output_format_pretty_max_value_width: COUNT,
  output_format_pretty_row_numbers: BOOLEAN,
  output_format_tsv_crlf_end_of_line: BOOLEAN,
  output_format_write_statistics: BOOLEAN,
  result_overflow_mode: OVERFLOW_MODE,
  read_overflow_mode: OVERFLOW_MODE,
  timeout_overflow_mode: OVERFLOW_MODE,
  sort_overflow_mode: OVERFLOW_MODE,
  group_by_overflow_mode: oneOf('throw', 'break', 'any'),
  log_comment: pattern('text up to 1024 characters', /^[\s\S]{0,1024}$/),
};

/**
 * Limits a caller may lower, never raise: the configured ones (`limit` names the configured
 * value) cap what is accepted; the others are unlimited by default, so any positive value
 * lowers them. 0, ClickHouse's "no limit", is never accepted.
 */
const LIMIT_SETTINGS: Readonly<Record<string, keyof ReadQueryLimits | undefined>> = {
  max_execution_time: 'maxExecutionTimeSeconds',
  max_result_bytes: 'maxResultBytes',
  max_memory_usage: 'maxMemoryUsageBytes',
  max_result_rows: undefined,
  max_rows_to_read: undefined,
  max_bytes_to_read: undefined,
  max_rows_to_group_by: undefined,
  max_rows_to_sort: undefined,
  max_bytes_to_sort: undefined,
};

const POSITIVE_NUMBER = /^(?:\d{1,18})(?:\.\d{1,9})?$/;

/**
 * The settings a read may run with, from those its request asked for (URL parameters and
 * form fields): output options and lowered limits only, each value checked. Everything else
 * is refused the way ClickHouse refuses a constrained setting, so nothing a caller sends can
 * read or write files, lift the project filters, or change how the query is understood
 * (`compatibility`, the analyzer, the query cache…). `readonly` may be asked for (1 or 2):
 * every read runs with readonly=1 regardless.
 */
export function acceptedSettings(
  requested: Readonly<Record<string, string>>,
  limits: ReadQueryLimits | undefined,
): Record<string, string> {
  const accepted: Record<string, string> = {};
  for (const [name, value] of Object.entries(requested)) {
    if (name === 'readonly') {
      if (value !== '1' && value !== '2') {
        throw clickHouseRefusal('READONLY', `Cannot modify 'readonly' setting in readonly mode`);
      }
      continue;
    }
    if (name in LIMIT_SETTINGS) {
      accepted[name] = lowered(name, value, limits);
      continue;
    }
    const rule = OUTPUT_SETTINGS[name];
    if (rule === undefined) {
      throw clickHouseRefusal(
        'SETTING_CONSTRAINT_VIOLATION',
        `Setting ${name} is not accepted here: only output format options and lowered limits are (see the README, "Read-only SQL")`,
      );
    }
    if (!rule.accepts(value)) {
      throw clickHouseRefusal(
        'SETTING_CONSTRAINT_VIOLATION',
        `Setting ${name} cannot be ${JSON.stringify(value)} here: expected ${rule.expected}`,
      );
    }
    accepted[name] = value;
  }
  return accepted;
}

function lowered(name: string, value: string, limits: ReadQueryLimits | undefined): string {
  const key = LIMIT_SETTINGS[name];
  const cap = key === undefined || limits === undefined ? undefined : limits[key];
  const number = POSITIVE_NUMBER.test(value) ? Number(value) : Number.NaN;
  if (!(number > 0) || (cap !== undefined && number > cap)) {
    const range = cap === undefined ? 'greater than 0' : `greater than 0 and at most ${cap}`;
    throw clickHouseRefusal(
      'SETTING_CONSTRAINT_VIOLATION',
      `Setting ${name} cannot be ${JSON.stringify(value)} here: it may only be lowered (${range})`,
    );
  }
  return value;
}
