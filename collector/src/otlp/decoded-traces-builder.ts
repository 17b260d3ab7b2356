import { ATTR_SERVICE_NAME } from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { RejectionTally } from './rejection-tally.js';
import { blankZeroIds, findInvalidId } from './span-id-rules.js';
import { unstorableTimeProblem } from './time-rules.js';
import type { DecodedTraces } from './types.js';

/**
 * Collects the rows of one export request. Decoders add each span as soon as it is decoded
 * and report its scope and resource when their enclosing message ends, because protobuf
 * allows those fields to come after the spans they describe.
 */
export class DecodedTracesBuilder {
  private readonly rows: SpanRow[] = [];
  private readonly rejections = new RejectionTally('span', 'spans');
  private scopeStart = 0;
  private resourceStart = 0;

  /** Keeps the span, or counts it as rejected when its ids or times cannot be stored. */
  addSpan(row: SpanRow, resourceIndex: number, scopeIndex: number, spanIndex: number): void {
    const problem = findInvalidId(row) ?? findUnstorableSpanTime(row);
    if (problem === undefined) {
      blankZeroIds(row);
      this.rows.push(row);
      return;
    }
    this.rejections.add(
      `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndex}]`,
      problem,
    );
  }

  /** Gives the spans added since the previous scope ended their instrumentation scope. */
  endScope(name: string, version: string): void {
    const rows = this.rows;
    for (let i = this.scopeStart; i < rows.length; i++) {
      const row = rows[i]!;
      row.ScopeName = name;
      row.ScopeVersion = version;
    }
    this.scopeStart = rows.length;
  }

  /**
   * Gives the spans added since the previous resource ended their resource. The attribute map
   * is shared by those rows rather than copied per span, and frozen so no row changes it for all.
   */
  endResource(attributes: Record<string, string>): void {
    Object.freeze(attributes);
    const serviceName = attributes[ATTR_SERVICE_NAME] ?? '';
    const rows = this.rows;
    for (let i = this.resourceStart; i < rows.length; i++) {
      const row = rows[i]!;
      row.ResourceAttributes = attributes;
      row.ServiceName = serviceName;
    }
    this.resourceStart = rows.length;
  }

  build(): DecodedTraces {
    return {
      rows: this.rows,
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
