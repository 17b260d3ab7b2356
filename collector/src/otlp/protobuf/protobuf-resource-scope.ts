import { readAttribute } from './protobuf-attributes.js';
import type { ProtobufCursor } from './protobuf-cursor.js';
import { INSTRUMENTATION_SCOPE, RESOURCE } from './protobuf-message-shapes.js';

// The Resource and InstrumentationScope messages, shared by every OTLP signal.

/** Reads a `Resource` message ending at `end`: its attributes. */
export function readResource(cursor: ProtobufCursor, attributes: Record<string, string>, end: number): void {
  while (cursor.reader.pos < end) {
    const tag = cursor.readFieldTag(RESOURCE);
    if (tag === 10) {
      // 1 attributes
      readAttribute(cursor, attributes, cursor.readLengthEnd());
    } else {
      cursor.skipField(tag, RESOURCE);
    }
  }
  cursor.expectEnd(end);
}

export interface ScopeFields {
  name: string;
  version: string;
  /** Where to read the scope's attributes; skipped when absent (the traces table has no column for them). */
  attributes?: Record<string, string>;
}

/** Reads an `InstrumentationScope` message ending at `end` into `scope`. */
export function readScope(cursor: ProtobufCursor, scope: ScopeFields, end: number): void {
  const reader = cursor.reader;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(INSTRUMENTATION_SCOPE);
    switch (tag) {
      case 10: // 1 name
        scope.name = cursor.readString();
        break;
      case 18: // 2 version
        scope.version = cursor.readString();
        break;
      case 26: // 3 attributes
        if (scope.attributes === undefined) cursor.skipField(tag, INSTRUMENTATION_SCOPE);
        else readAttribute(cursor, scope.attributes, cursor.readLengthEnd());
        break;
      default:
        cursor.skipField(tag, INSTRUMENTATION_SCOPE);
    }
  }
  cursor.expectEnd(end);
}
