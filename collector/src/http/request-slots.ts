import { TooManyRequestsError } from './http-errors.js';

/**
 * A fixed number of places for work of one kind (OTLP requests, read queries). Beyond them a
 * caller is refused at once with a retryable 429 instead of queueing: a queue of slow reads or
 * held bodies is how one kind of traffic takes the memory and threads another needs.
 */
export class RequestSlots {
  #inUse = 0;

  /** `what` names the work and the setting that sizes it, for the refusal's message. */
  constructor(
    readonly max: number,
    private readonly what: string,
  ) {}

  /** Takes a slot, or throws TooManyRequestsError; the returned function frees it (once). */
  acquire(): () => void {
    if (this.#inUse >= this.max) {
      throw new TooManyRequestsError(`more than ${this.max} ${this.what} in flight: retry shortly`);
    }
    this.#inUse++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inUse--;
    };
  }
}
