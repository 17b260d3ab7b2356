/** The request rows come from, for what is said of them later (spool log lines, dead letters). */
export interface WriteOrigin {
  /** Its X-Request-Id, as the response and the access log carry it. */
  requestId: string;
}

/** Something rows of one table are handed to; `write` resolves once they are safe to acknowledge. */
export interface RowWriter {
  /** `origin`: the request the rows come from, when they come from one (a replay's do not). */
  write(rows: readonly object[], origin?: WriteOrigin): Promise<void>;
}
