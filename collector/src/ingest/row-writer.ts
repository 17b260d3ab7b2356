/** Something rows of one table are handed to; `write` resolves once they are safe to acknowledge. */
export interface RowWriter {
  write(rows: readonly object[]): Promise<void>;
}
