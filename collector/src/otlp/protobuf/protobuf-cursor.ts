import protobuf from 'protobufjs/minimal.js';
import { bytesToHex } from './bytes-to-hex.js';
import type { DecodeLimits } from '../values/decode-limits.js';
import { InterningUtf8Decoder } from './interning-utf8-decoder.js';
import { OtlpDecodeError } from '../values/otlp-decode-error.js';
import { wireTypeName, type ExportRequestLayout, type MessageShape } from './protobuf-message-shapes.js';

// Shared by all requests, so the strings of one export are found again in the next.
const UTF8 = new InterningUtf8Decoder();

/**
 * A position in an OTLP protobuf body, with the reads the trace and logs decoders need on top
 * of protobufjs's wire-level `Reader`: bounds-checked strings and ids, 64-bit values as bigint,
 * and errors that say where decoding stopped.
 */
export class ProtobufCursor {
  readonly reader: protobuf.Reader;
  // Where decoding is, for error messages: the innermost OTLP message and field being read
  // (attribute messages count as the field holding them)...
  private shape: MessageShape;
  private fieldNumber = 0;
  // ...and, kept up to date by the decoder, which span or log record of which scope of which
  // resource.
  resourceIndex = 0;
  scopeIndex = 0;
  itemIndex = 0;

  constructor(
    private readonly body: Uint8Array,
    private readonly layout: ExportRequestLayout,
    /** The limits of this decode, carried here because every read of an attribute has the cursor at hand. */
    readonly limits: DecodeLimits,
  ) {
    this.reader = protobuf.Reader.create(body);
    this.shape = layout.request;
  }

  /** Reads the tag of the next field of an OTLP message and remembers where that is. */
  readFieldTag(shape: MessageShape): number {
    this.shape = shape;
    this.fieldNumber = 0;
    const tag = this.reader.uint32();
    this.fieldNumber = tag >>> 3;
    return tag;
  }

  /** Reads the tag of the next field of an attribute message. */
  readTag(): number {
    return this.reader.uint32();
  }

  /** Reads a length prefix and returns where the value it announces ends. */
  readLengthEnd(): number {
    const length = this.reader.uint32();
    const end = this.reader.pos + length;
    if (end > this.reader.len) this.fail(`a length of ${length} bytes runs past the end of the body`);
    return end;
  }

  /** Checks that a message's fields ended exactly where its length said. */
  expectEnd(end: number): void {
    if (this.reader.pos !== end) this.fail(`a field overruns its message by ${this.reader.pos - end} bytes`);
  }

  readString(): string {
    const end = this.readLengthEnd();
    const text = UTF8.decode(this.body, this.reader.pos, end);
    this.reader.pos = end;
    return text;
  }

  /** A bytes field as lower-case hex, whatever its length (the id validation judges that). */
  readHex(): string {
    const end = this.readLengthEnd();
    const hex = bytesToHex(this.body, this.reader.pos, end);
    this.reader.pos = end;
    return hex;
  }

  readBytes(): Uint8Array {
    return this.reader.bytes();
  }

  /** A fixed64 (timestamps in nanoseconds) without the precision a number would lose. */
  readFixed64(): bigint {
    const low = this.reader.fixed32();
    const high = this.reader.fixed32();
    return (BigInt(high) << 32n) | BigInt(low);
  }

  readInt64(): bigint {
    const { low, high } = this.reader.int64();
    // Near the end of the body protobufjs returns after a varint's fourth byte even when that
    // byte announces more, so a cut-off value would pass unnoticed.
    if ((this.body[this.reader.pos - 1] ?? 0) >= 0x80) this.fail('a varint is cut off');
    if ((high === 0 && low >= 0) || (high === -1 && low < 0)) return BigInt(low);
    return (BigInt(high) << 32n) | BigInt(low >>> 0);
  }

  /**
   * Skips a field the decoder does not use. Unknown fields are skipped for forward
   * compatibility; a known field with another wire type means the body is not OTLP.
   */
  skipField(tag: number, shape: MessageShape): void {
    const fieldNumber = tag >>> 3;
    const wireType = tag & 7;
    if (fieldNumber === 0) this.fail(`field number 0 in ${shape.name}`);
    // 4 ends a group never started; 6 and 7 do not exist.
    if (wireType === 4 || wireType > 5) this.fail(`invalid wire type ${wireType} in ${shape.name}`);
    const field = shape.fields[fieldNumber];
    if (field !== undefined && field.wireType !== wireType) {
      this.fail(
        `${shape.name}.${field.name} has wire type ${wireTypeName(wireType)}, expected ${wireTypeName(field.wireType)}`,
      );
    }
    this.reader.skipType(wireType);
  }

  fail(problem: string): never {
    throw new OtlpDecodeError(this.describe(problem));
  }

  /** Turns what protobufjs throws on broken input into an OtlpDecodeError; leaves anything else alone. */
  toDecodeError(error: unknown): unknown {
    if (error instanceof RangeError) {
      return new OtlpDecodeError(this.describe(`the body ends early (${error.message})`), { cause: error });
    }
    // protobufjs reports invalid wire types and nesting with plain Errors.
    if (error instanceof Error && error.constructor === Error) {
      return new OtlpDecodeError(this.describe(error.message), { cause: error });
    }
    return error;
  }

  private describe(problem: string): string {
    const field = this.shape.fields[this.fieldNumber];
    const what = field === undefined ? this.shape.name : `${this.shape.name}.${field.name}`;
    return `invalid OTLP/protobuf: ${problem}, at byte ${this.reader.pos} while reading ${what}${this.describeIndexes()}`;
  }

  private describeIndexes(): string {
    const depth = this.shape.depth;
    if (depth === 0) return '';
    const [resources, scopes, items] = this.layout.levels;
    let path = `${resources}[${this.resourceIndex}]`;
    if (depth >= 2) path += `.${scopes}[${this.scopeIndex}]`;
    if (depth === 3) path += `.${items}[${this.itemIndex}]`;
    return ` of ${path}`;
  }
}
