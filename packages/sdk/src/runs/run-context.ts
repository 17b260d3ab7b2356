import { context, createContextKey, type Context } from '@opentelemetry/api';

/** What spans and scores need to know about the run they belong to. */
export interface RunIdentity {
  readonly id: string;
  readonly experiment: string;
  readonly name: string;
}

const RUN_KEY = createContextKey('ragtrace.run');

/** The run active in `ctx` (the current context by default), if any. */
export function runFromContext(ctx: Context = context.active()): RunIdentity | undefined {
  return ctx.getValue(RUN_KEY) as RunIdentity | undefined;
}

/** A context in which `run` is active; the OTel context manager carries it across `await`. */
export function contextWithRun(run: RunIdentity, ctx: Context = context.active()): Context {
  return ctx.setValue(RUN_KEY, run);
}
