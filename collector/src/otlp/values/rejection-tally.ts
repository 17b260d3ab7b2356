/**
 * Counts the items of one export request left out for unusable ids and remembers why the
 * first one was, for OTLP's `partial_success` (`rejected_spans`, `rejected_log_records`).
 */
export class RejectionTally {
  count = 0;
  #first = '';

  constructor(
    private readonly singular: string,
    private readonly plural: string,
  ) {}

  /** `location` is the item's JSON path in the request, e.g. `resourceSpans[0].scopeSpans[1].spans[2]`. */
  add(location: string, problem: string): void {
    this.count++;
    if (this.#first === '') this.#first = `${location}: ${problem}`;
  }

  /** Why items were left out, or '' when none were. */
  message(): string {
    if (this.count === 0) return '';
    return `${this.count} ${this.count === 1 ? this.singular : this.plural} rejected for invalid ids; first: ${this.#first}`;
  }
}
