import type { SpanRow } from '../storage/span-row.js';
import { blankZeroIds, findInvalidId } from './span-id-rules.js';
import type { DecodedTraces } from './types.js';

const SERVICE_NAME = 'service.name';

/**
 * Collects the rows of one export request. Decoders add each span as soon as it is decoded
 * and report its scope and resource when their enclosing message ends, because protobuf
 * allows those fields to come after the spans they describe.
 */
export class DecodedTracesBuilder {
  private readonly rows: SpanRow[] = [];
  private rejectedSpans = 0;
  private firstRejection = '';
  private scopeStart = 0;
  private resourceStart = 0;

  /** Keeps the span, or counts it as rejected when its ids cannot be stored. */
  addSpan(row: SpanRow, resourceIndex: number, scopeIndex: number, spanIndex: number): void {
    const problem = findInvalidId(row);
    if (problem === undefined) {
      blankZeroIds(row);
      this.rows.push(row);
      return;
    }
    this.rejectedSpans++;
    if (this.firstRejection === '') {
      this.firstRejection = `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndex}]: ${problem}`;
    }
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
    const serviceName = attributes[SERVICE_NAME] ?? '';
    const rows = this.rows;
    for (let i = this.resourceStart; i < rows.length; i++) {
      const row = rows[i]!;
      row.ResourceAttributes = attributes;
      row.ServiceName = serviceName;
    }
    this.resourceStart = rows.length;
  }

  build(): DecodedTraces {
    const rejectionMessage =
      this.rejectedSpans === 0
        ? ''
        : `${this.rejectedSpans} ${this.rejectedSpans === 1 ? 'span' : 'spans'} rejected for invalid ids; first: ${this.firstRejection}`;
    return { rows: this.rows, rejectedSpans: this.rejectedSpans, rejectionMessage };
  }
}
