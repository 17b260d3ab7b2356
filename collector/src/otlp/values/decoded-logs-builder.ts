import { ATTR_SERVICE_NAME } from '@ragtrace/semconv';
import type { LogRow } from '../../storage/log-row.js';
import { blankZeroLogIds, findInvalidLogId } from './log-id-rules.js';
import { RejectionTally } from './rejection-tally.js';
import { RowsAwaitingContext } from './rows-awaiting-context.js';
import type { DecodedLogs } from './types.js';

/** What the exporter stores of a log record's instrumentation scope. */
export interface LogScope {
  name: string;
  version: string;
  attributes: Record<string, string>;
  schemaUrl: string;
}

/** Collects the rows of one logs export request; see {@link RowsAwaitingContext} for the order. */
export class DecodedLogsBuilder {
  private readonly rows = new RowsAwaitingContext<LogRow>();
  private readonly rejections = new RejectionTally('log record', 'log records');

  /** Keeps the record, or counts it as rejected when its ids cannot be stored. */
  addLogRecord(row: LogRow, resourceIndex: number, scopeIndex: number, recordIndex: number): void {
    const problem = findInvalidLogId(row);
    if (problem === undefined) {
      blankZeroLogIds(row);
      this.rows.add(row);
      return;
    }
    this.rejections.add(
      `resourceLogs[${resourceIndex}].scopeLogs[${scopeIndex}].logRecords[${recordIndex}]`,
      problem,
    );
  }

  /** Gives the records added since the previous scope ended their scope (attributes shared, frozen). */
  endScope(scope: LogScope): void {
    Object.freeze(scope.attributes);
    this.rows.endScope((row) => {
      row.ScopeName = scope.name;
      row.ScopeVersion = scope.version;
      row.ScopeAttributes = scope.attributes;
      row.ScopeSchemaUrl = scope.schemaUrl;
    });
  }

  /** Gives the records added since the previous resource ended their resource (attributes shared, frozen). */
  endResource(attributes: Record<string, string>, schemaUrl: string): void {
    Object.freeze(attributes);
    const serviceName = attributes[ATTR_SERVICE_NAME] ?? '';
    this.rows.endResource((row) => {
      row.ResourceAttributes = attributes;
      row.ResourceSchemaUrl = schemaUrl;
      row.ServiceName = serviceName;
    });
  }

  build(): DecodedLogs {
    return {
      rows: this.rows.rows,
      rejectedLogRecords: this.rejections.count,
      rejectionMessage: this.rejections.message(),
    };
  }
}
