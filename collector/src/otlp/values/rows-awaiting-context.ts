/**
 * The rows of one export request, before their scope and resource are known: protobuf allows
 * a scope or resource to come after the records it describes, so decoders report each when its
 * enclosing message ends, and it applies to the rows added since the previous one.
 */
export class RowsAwaitingContext<Row> {
  readonly rows: Row[] = [];
  #scopeStart = 0;
  #resourceStart = 0;

  add(row: Row): void {
    this.rows.push(row);
  }

  /** Applies the scope that just ended to the rows added since the previous scope ended. */
  endScope(apply: (row: Row) => void): void {
    this.#scopeStart = this.#applySince(this.#scopeStart, apply);
  }

  /** Applies the resource that just ended to the rows added since the previous resource ended. */
  endResource(apply: (row: Row) => void): void {
    this.#resourceStart = this.#applySince(this.#resourceStart, apply);
  }

  #applySince(start: number, apply: (row: Row) => void): number {
    const rows = this.rows;
    for (let i = start; i < rows.length; i++) apply(rows[i]!);
    return rows.length;
  }
}
