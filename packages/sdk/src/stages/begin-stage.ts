import { context } from '@opentelemetry/api';
import type { RagStage } from '@ragtrace/semconv';
import { currentContentSettings } from '../content/content-settings.js';
import { guarded } from '../diag-guard.js';
import type { StageDefinition, StageSpanImpl } from '../internal-types.js';
import type { StageOverrides, StartedStage } from '../types.js';
import { INACTIVE_SPAN } from './inactive-span.js';
import { isStageRecordedAbove } from './recorded-above.js';
import { StageRecording } from './stage-recording.js';
import { stageTracer } from './stage-tracer.js';

/** Starts a stage span under the active context; callers run the stage in `recording.context`. */
export function startRecording(definition: StageDefinition, overrides?: StageOverrides): StageRecording {
  const parent = context.active();
  const span = stageTracer().startSpan(
    definition.spanName,
    { kind: definition.kind, attributes: definition.attributes },
    parent,
  );
  const settings = currentContentSettings();
  const capture = overrides?.captureContent;
  return new StageRecording(
    span,
    definition,
    capture === undefined || capture === settings.capture ? settings : { ...settings, capture },
    parent,
  );
}

function inactiveStage(): StartedStage<StageSpanImpl> {
  return {
    span: INACTIVE_SPAN,
    context: context.active(),
    succeed: () => undefined,
    fail: () => undefined,
    followStream: (stream) => stream,
  };
}

/**
 * The open-ended form of a stage, for instrumentations that must hand the library's own return
 * objects back untouched: the caller decides when the span ends. If the span cannot be started
 * the stage is inactive (every method a no-op), and the instrumented call goes on regardless.
 * It is inactive too where an enclosing framework run already records calls of `stage` (see
 * `contextWithStageRecordedAbove`), unless the caller is that framework run itself.
 */
export function beginStage(
  stage: RagStage,
  describe: () => StageDefinition,
  overrides: StageOverrides | undefined,
): StartedStage<StageSpanImpl> {
  if (overrides?.frameworkRun !== true && isStageRecordedAbove(context.active(), stage))
    return inactiveStage();
  return guarded('starting a span', () => startRecording(describe(), overrides)) ?? inactiveStage();
}
