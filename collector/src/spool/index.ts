export { Spool } from './spool.js';
export type { SpoolOptions, SpoolSegment } from './spool.js';
export { SpoolReplayer } from './spool-replayer.js';
export type { SpoolReplayerOptions } from './spool-replayer.js';
export { SpoolingWriter } from './spooling-writer.js';
export type { SpoolingWriterOptions } from './spooling-writer.js';
export { SpoolFullError, SpoolWriteError } from './spool-errors.js';
export { decodeSpoolSegment, encodeSpoolRecord } from './spool-record.js';
export type { DecodedSegment, SpoolRecord } from './spool-record.js';
