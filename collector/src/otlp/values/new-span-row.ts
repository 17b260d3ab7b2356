import type { SpanRow } from '../../storage/span-row.js';
import { SPAN_KIND_STORED_NAMES, STATUS_CODE_STORED_NAMES } from './otlp-enums.js';
import { nanosText } from './nanos-text.js';

/**
 * A row holding the values of an empty span, for a decoder to fill in. Every row gets the
 * same properties in the same order, so all rows share one object shape.
 */
export function newSpanRow(): SpanRow {
  return {
    Timestamp: nanosText(0n),
    TraceId: '',
    SpanId: '',
    ParentSpanId: '',
    TraceState: '',
    SpanName: '',
    SpanKind: SPAN_KIND_STORED_NAMES[0]!,
    ServiceName: '',
    ResourceAttributes: {},
    ScopeName: '',
    ScopeVersion: '',
    SpanAttributes: {},
    Duration: '0',
    StatusCode: STATUS_CODE_STORED_NAMES[0]!,
    StatusMessage: '',
    'Events.Timestamp': [],
    'Events.Name': [],
    'Events.Attributes': [],
    'Links.TraceId': [],
    'Links.SpanId': [],
    'Links.TraceState': [],
    'Links.Attributes': [],
  };
}
