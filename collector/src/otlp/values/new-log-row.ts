import type { LogRow } from '../../storage/log-row.js';
import { nanosText } from './nanos-text.js';

/**
 * A row holding the values of an empty log record, for a decoder to fill in. Every row gets
 * the same properties in the same order, so all rows share one object shape.
 */
export function newLogRow(): LogRow {
  return {
    Timestamp: nanosText(0n),
    TraceId: '',
    SpanId: '',
    TraceFlags: 0,
    SeverityText: '',
    SeverityNumber: 0,
    ServiceName: '',
    Body: '',
    ResourceSchemaUrl: '',
    ResourceAttributes: {},
    ScopeSchemaUrl: '',
    ScopeName: '',
    ScopeVersion: '',
    ScopeAttributes: {},
    LogAttributes: {},
    EventName: '',
  };
}
