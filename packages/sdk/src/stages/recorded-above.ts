import { createContextKey } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { RagStage } from '@ragtrace/semconv';

/**
 * The stages whose calls an enclosing framework run (e.g. a LangChain chat model run) already
 * records. A library instrumentation beginning such a stage in this context stands aside, so a
 * model call is one generate span, not two with its tokens counted twice.
 */
const STAGES_RECORDED_ABOVE = createContextKey('ragtrace stages recorded by an enclosing framework run');

function stagesRecordedAbove(ctx: Context): ReadonlySet<RagStage> | undefined {
  return ctx.getValue(STAGES_RECORDED_ABOVE) as ReadonlySet<RagStage> | undefined;
}

/** `ctx` with `stage` marked as recorded above: `begin*` of that stage in it records nothing. */
export function contextWithStageRecordedAbove(ctx: Context, stage: RagStage): Context {
  const marked = stagesRecordedAbove(ctx);
  if (marked?.has(stage) === true) return ctx;
  return ctx.setValue(STAGES_RECORDED_ABOVE, new Set([...(marked ?? []), stage]));
}

/** Whether an enclosing framework run already records calls of `stage` made in `ctx`. */
export function isStageRecordedAbove(ctx: Context, stage: RagStage): boolean {
  return stagesRecordedAbove(ctx)?.has(stage) === true;
}
