// The OTLP trace and logs messages as opentelemetry-proto defines them (collector/trace/v1/
// trace_service.proto, trace/v1/trace.proto, collector/logs/v1/logs_service.proto,
// logs/v1/logs.proto, resource/v1/resource.proto, common/v1/common.proto): field numbers,
// names and wire types. The decoders dispatch on tags directly; these tables let them skip
// fields they do not read, refuse a known field with the wrong wire type, and say in errors
// which field they were reading.

const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
type WireType = (typeof WireType)[keyof typeof WireType];

const WIRE_TYPE_NAMES: Record<number, string> = {
  0: 'varint',
  1: 'fixed64',
  2: 'length-delimited',
  3: 'start-group',
  4: 'end-group',
  5: 'fixed32',
};

/** How an export request nests what it carries, so errors can say where decoding stopped. */
export interface ExportRequestLayout {
  readonly request: MessageShape;
  readonly levels: readonly [resources: string, scopes: string, items: string];
}

export interface FieldShape {
  readonly name: string;
  readonly wireType: WireType;
}

export interface MessageShape {
  readonly name: string;
  /** Indexed by field number. */
  readonly fields: readonly (FieldShape | undefined)[];
  /**
   * How many indexes of the request's three levels (`resourceSpans[r].scopeSpans[s].spans[k]`,
   * `resourceLogs[r].scopeLogs[s].logRecords[k]`) locate this message.
   */
  readonly depth: 0 | 1 | 2 | 3;
}

function messageShape(
  name: string,
  depth: MessageShape['depth'],
  fields: Record<number, readonly [name: string, wireType: WireType]>,
): MessageShape {
  const byNumber: (FieldShape | undefined)[] = [];
  for (const [number, [fieldName, wireType]] of Object.entries(fields)) {
    byNumber[Number(number)] = { name: fieldName, wireType };
  }
  return { name, depth, fields: byNumber };
}

export function wireTypeName(wireType: number): string {
  return `${wireType} (${WIRE_TYPE_NAMES[wireType] ?? 'invalid'})`;
}

const { varint, fixed64, lengthDelimited, fixed32 } = WireType;

export const EXPORT_TRACE_SERVICE_REQUEST = messageShape('ExportTraceServiceRequest', 0, {
  1: ['resource_spans', lengthDelimited],
});

export const TRACES_REQUEST_LAYOUT: ExportRequestLayout = {
  request: EXPORT_TRACE_SERVICE_REQUEST,
  levels: ['resourceSpans', 'scopeSpans', 'spans'],
};

export const RESOURCE_SPANS = messageShape('ResourceSpans', 1, {
  1: ['resource', lengthDelimited],
  2: ['scope_spans', lengthDelimited],
  3: ['schema_url', lengthDelimited],
});

export const RESOURCE = messageShape('Resource', 1, {
  1: ['attributes', lengthDelimited],
  2: ['dropped_attributes_count', varint],
  3: ['entity_refs', lengthDelimited],
});

export const SCOPE_SPANS = messageShape('ScopeSpans', 2, {
  1: ['scope', lengthDelimited],
  2: ['spans', lengthDelimited],
  3: ['schema_url', lengthDelimited],
});

export const INSTRUMENTATION_SCOPE = messageShape('InstrumentationScope', 2, {
  1: ['name', lengthDelimited],
  2: ['version', lengthDelimited],
  3: ['attributes', lengthDelimited],
  4: ['dropped_attributes_count', varint],
});

export const SPAN = messageShape('Span', 3, {
  1: ['trace_id', lengthDelimited],
  2: ['span_id', lengthDelimited],
  3: ['trace_state', lengthDelimited],
  4: ['parent_span_id', lengthDelimited],
  5: ['name', lengthDelimited],
  6: ['kind', varint],
  7: ['start_time_unix_nano', fixed64],
  8: ['end_time_unix_nano', fixed64],
  9: ['attributes', lengthDelimited],
  10: ['dropped_attributes_count', varint],
  11: ['events', lengthDelimited],
  12: ['dropped_events_count', varint],
  13: ['links', lengthDelimited],
  14: ['dropped_links_count', varint],
  15: ['status', lengthDelimited],
  16: ['flags', fixed32],
});

export const SPAN_EVENT = messageShape('Span.Event', 3, {
  1: ['time_unix_nano', fixed64],
  2: ['name', lengthDelimited],
  3: ['attributes', lengthDelimited],
  4: ['dropped_attributes_count', varint],
});

export const SPAN_LINK = messageShape('Span.Link', 3, {
  1: ['trace_id', lengthDelimited],
  2: ['span_id', lengthDelimited],
  3: ['trace_state', lengthDelimited],
  4: ['attributes', lengthDelimited],
  5: ['dropped_attributes_count', varint],
  6: ['flags', fixed32],
});

export const STATUS = messageShape('Status', 3, {
  2: ['message', lengthDelimited],
  3: ['code', varint],
});

export const EXPORT_LOGS_SERVICE_REQUEST = messageShape('ExportLogsServiceRequest', 0, {
  1: ['resource_logs', lengthDelimited],
});

export const LOGS_REQUEST_LAYOUT: ExportRequestLayout = {
  request: EXPORT_LOGS_SERVICE_REQUEST,
  levels: ['resourceLogs', 'scopeLogs', 'logRecords'],
};

export const RESOURCE_LOGS = messageShape('ResourceLogs', 1, {
  1: ['resource', lengthDelimited],
  2: ['scope_logs', lengthDelimited],
  3: ['schema_url', lengthDelimited],
});

export const SCOPE_LOGS = messageShape('ScopeLogs', 2, {
  1: ['scope', lengthDelimited],
  2: ['log_records', lengthDelimited],
  3: ['schema_url', lengthDelimited],
});

export const LOG_RECORD = messageShape('LogRecord', 3, {
  1: ['time_unix_nano', fixed64],
  2: ['severity_number', varint],
  3: ['severity_text', lengthDelimited],
  5: ['body', lengthDelimited],
  6: ['attributes', lengthDelimited],
  7: ['dropped_attributes_count', varint],
  8: ['flags', fixed32],
  9: ['trace_id', lengthDelimited],
  10: ['span_id', lengthDelimited],
  11: ['observed_time_unix_nano', fixed64],
  12: ['event_name', lengthDelimited],
});

// Attribute messages keep the location of the field that holds them ("Span.attributes"),
// so their depth is never used for locating.
export const KEY_VALUE = messageShape('KeyValue', 0, {
  1: ['key', lengthDelimited],
  2: ['value', lengthDelimited],
});

export const ANY_VALUE = messageShape('AnyValue', 0, {
  1: ['string_value', lengthDelimited],
  2: ['bool_value', varint],
  3: ['int_value', varint],
  4: ['double_value', fixed64],
  5: ['array_value', lengthDelimited],
  6: ['kvlist_value', lengthDelimited],
  7: ['bytes_value', lengthDelimited],
});

export const ARRAY_VALUE = messageShape('ArrayValue', 0, {
  1: ['values', lengthDelimited],
});

export const KEY_VALUE_LIST = messageShape('KeyValueList', 0, {
  1: ['values', lengthDelimited],
});
