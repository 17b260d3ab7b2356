import type { StartedStage } from '@ragtrace/sdk';

type Step = { readonly token: string } | { readonly done: true } | { readonly error: unknown };

/**
 * LangChain reports a streamed reply as token callbacks, not as a stream the instrumentation
 * could hand to `followStream`. This feed is that stream: each callback pushes one step and pulls
 * it through the stage's followed iterator, so the SDK records time to first chunk, the chunk
 * count and the outcome exactly as for a provider stream.
 */
export class TokenFeed {
  private readonly steps: Step[] = [];
  private readonly followed: AsyncIterator<string>;
  /** The last pull: steps are recorded in order, so waiting for it waits for all of them. */
  private lastPull: Promise<unknown> = Promise.resolve();

  constructor(stage: StartedStage<unknown>) {
    const steps = this.steps;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: (): Promise<IteratorResult<string>> => {
          const step = steps.shift();
          if (step === undefined || 'done' in step) return Promise.resolve({ done: true, value: undefined });
          if ('error' in step) return Promise.reject(step.error);
          return Promise.resolve({ done: false, value: step.token });
        },
      }),
    };
    this.followed = stage.followStream(source)[Symbol.asyncIterator]();
  }

  push(token: string): void {
    void this.pull({ token });
  }

  /** Resolves once the stage has ended. */
  complete(): Promise<void> {
    return this.pull({ done: true });
  }

  /** Resolves once the stage has recorded the error and ended. */
  fail(error: unknown): Promise<void> {
    return this.pull({ error });
  }

  /** Ends the stage as abandoned: the consumer stopped reading and LangChain reports nothing more. */
  abandon(): void {
    void this.lastPull.then(() => this.followed.return?.());
  }

  private async pull(step: Step): Promise<void> {
    this.steps.push(step);
    // The rejection is the app's error, already on its way to the app; here it only ends the span.
    this.lastPull = this.followed.next().catch(() => undefined);
    await this.lastPull;
  }
}
