/** What one acknowledged request left to store: the rows of one write, for one table. */
export interface SpoolRecord {
  table: string;
  rows: readonly object[];
  /** When the record was spooled (ms since the epoch): the replay lag is measured from it. */
  spooledAtMs: number;
  /** The X-Request-Id of the request that wrote it; unknown for records of format 0. */
  requestId?: string;
}
