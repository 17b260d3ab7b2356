import { ATTR_SERVICE_NAME } from '@ragtrace/semconv';
import type { SpanRow } from '../../storage/span-row.js';
import { RejectionTally } from './rejection-tally.js';
import { RowsAwaitingContext } from './rows-awaiting-context.js';
import { blankZeroIds, findInvalidId } from './span-id-rules.js';
import { unstorableTimeProblem } from './time-rules.js';
import type { DecodedTraces } from './types.js';

/** Collects the rows of one traces export request; see {@link RowsAwaitingContext} for the order. */
export class DecodedTracesBuilder {
  private readonly rows = new RowsAwaitingContext<SpanRow>();
  private readonly rejections = new RejectionTally('span', 'spans');

  /** Keeps the span, or counts it as rejected when its ids or times cannot be stored. */
  addSpan(row: SpanRow, resourceIndex: number, scopeIndex: number, spanIndex: number): void {
    const problem = findInvalidId(row) ?? findUnstorableSpanTime(row);
    if (problem === undefined) {
      blankZeroIds(row);
      this.rows.add(row);
      return;
    }
    this.rejections.add(
      `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndex}]`,
      problem,
    );
  }

  /** Gives the spans added since the previous scope ended their instrumentation scope. */
  endScope(name: string, version: string): void {
    this.rows.endScope((row) => {
      row.ScopeName = name;
      row.ScopeVersion = version;
    });
  }

  /**
   * Gives the spans added since the previous resource ended their resource. The attribute map
   * is shared by those rows rather than copied per span, and frozen so no row changes it for all.
   */
  endResource(attributes: Record<string, string>): void {
    Object.freeze(attributes);
    const serviceName = attributes[ATTR_SERVICE_NAME] ?? '';
    this.rows.endResource((row) => {
      row.ResourceAttributes = attributes;
      row.ServiceName = serviceName;
    });
  }

  build(): DecodedTraces {
    return {
      rows: this.rows.rows,
      rejectedSpans: this.rejections.count,
      rejectionMessage: this.rejections.message(),
    };
  }
}

function findUnstorableSpanTime(row: SpanRow): string | undefined {
  const events = row['Events.Timestamp'];
  let problem = unstorableTimeProblem('startTimeUnixNano', row.Timestamp);
  for (let i = 0; problem === undefined && i < events.length; i++) {
    problem = unstorableTimeProblem(`events[${i}].timeUnixNano`, events[i]!);
  }
  return problem;
}
