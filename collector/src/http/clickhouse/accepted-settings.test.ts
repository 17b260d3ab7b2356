import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import { acceptedSettings } from './accepted-settings.js';

const LIMITS = { maxExecutionTimeSeconds: 30, maxResultBytes: 1_000_000, maxMemoryUsageBytes: 2_000_000 };

function refusal(settings: Record<string, string>): ClickHouseQueryError {
  try {
    acceptedSettings(settings, LIMITS);
  } catch (error) {
    assert.ok(error instanceof ClickHouseQueryError);
    return error;
  }
  assert.fail(`${JSON.stringify(settings)} was accepted`);
}

describe('acceptedSettings: an allow list of output options and lowered limits', () => {
  it('passes output options with values of their kind, and limits lowered below the configured ones', () => {
    const asked = {
      output_format_json_quote_64bit_integers: '0',
      date_time_output_format: 'iso',
      format_csv_delimiter: ';',
      session_timezone: 'Europe/Berlin',
      max_execution_time: '5',
      max_result_bytes: '1000',
      max_result_rows: '10',
      result_overflow_mode: 'break',
    };
    assert.deepEqual(acceptedSettings(asked, LIMITS), asked);
  });

  it('drops readonly 1 or 2 (every read runs with readonly=1) and refuses 0 as ClickHouse does', () => {
    assert.deepEqual(acceptedSettings({ readonly: '1' }, LIMITS), {});
    assert.deepEqual(acceptedSettings({ readonly: '2' }, LIMITS), {});
    assert.equal(refusal({ readonly: '0' }).clickhouseType, 'READONLY');
  });

  it('never raises a limit, nor lifts one with 0 ("no limit")', () => {
    const raised: Array<Record<string, string>> = [
      { max_execution_time: '31' },
      { max_execution_time: '0' },
      { max_execution_time: '1e9' },
      { max_memory_usage: '2000001' },
      { max_result_bytes: '-1' },
      { max_result_rows: '0' },
      { max_rows_to_read: ' 5' },
    ];
    for (const settings of raised) {
      assert.equal(
        refusal(settings).clickhouseType,
        'SETTING_CONSTRAINT_VIOLATION',
        JSON.stringify(settings),
      );
    }
  });

  it('refuses every setting off the list, whatever its spelling, and values outside their kind', () => {
    const offTheList: Array<Record<string, string>> = [
      { compatibility: '24.1' },
      { Compatibility: '24.1' },
      { additional_table_filters: '{}' },
      { output_format_schema: '/tmp/x' },
      { format_schema: '/etc/passwd:M' },
      { format_template_row: '/etc/passwd' },
      { allow_get_client_http_header: '1' },
      { enable_analyzer: '0' },
      { use_query_cache: '1' },
      { max_threads: '1000' },
      { output_format_json_quote_64bit_integers: 'yes' },
      { format_csv_delimiter: ';;' },
      { format_csv_delimiter: '\n' },
      { session_timezone: "UTC'; SELECT 1" },
      { date_time_output_format: 'iso; SELECT 1' },
    ];
    for (const settings of offTheList) {
      assert.equal(
        refusal(settings).clickhouseType,
        'SETTING_CONSTRAINT_VIOLATION',
        JSON.stringify(settings),
      );
    }
  });

  it('accepts any positive value for limits with nothing configured', () => {
    assert.deepEqual(acceptedSettings({ max_execution_time: '999' }, undefined), {
      max_execution_time: '999',
    });
  });
});
