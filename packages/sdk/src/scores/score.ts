import {
  context,
  diag,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import {
  ATTR_GEN_AI_EVALUATION_EXPLANATION,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_RAGTRACE_EVALUATION_SOURCE,
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_RUN_ID,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@ragtrace/semconv';
import { guarded } from '../diag-guard.js';
import { runFromContext } from '../runs/run-context.js';
import { definedAttributes } from '../stages/defined-attributes.js';
import { INSTRUMENTATION_SCOPE } from '../stages/stage-tracer.js';
import type { ScoreOptions } from '../types.js';
import { SDK_VERSION } from '../version.js';
import { scoreProblem } from './score-problem.js';
import { contextForTrace } from './trace-target.js';

/**
 * Records an evaluation score as the OpenTelemetry GenAI event `gen_ai.evaluation.result`: one
 * OTLP log record whose trace context is the evaluated span (the `span` given, the span of
 * `trace`, or the active span), carrying the run active here, if any.
 *
 * A score is telemetry, so like every other telemetry failure a call that cannot be honoured
 * (no value and no label, a malformed id) is reported to OpenTelemetry's diag logger and
 * ignored: evaluation code must not crash on it. Enable a diag logger to see why a score is
 * missing.
 */
export function score(options: ScoreOptions): void {
  guarded('recording a score', () => {
    const problem = scoreProblem(options);
    if (problem !== undefined) {
      diag.error(`@ragtrace/sdk: score ${JSON.stringify(options.name)} ignored: ${problem}`);
      return;
    }
    const run = runFromContext();
    logs.getLogger(INSTRUMENTATION_SCOPE, SDK_VERSION).emit({
      eventName: EVENT_GEN_AI_EVALUATION_RESULT,
      context: evaluatedContext(options),
      attributes: definedAttributes({
        [ATTR_GEN_AI_EVALUATION_NAME]: options.name,
        [ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: options.value,
        [ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: options.label,
        [ATTR_GEN_AI_EVALUATION_EXPLANATION]: options.explanation,
        [ATTR_RAGTRACE_EVALUATION_SOURCE]: options.source,
        [ATTR_RAGTRACE_RUN_ID]: run?.id,
        [ATTR_RAGTRACE_EXPERIMENT_NAME]: run?.experiment,
      }),
    });
  });
}

/** The context whose span the log record is parented to. */
function evaluatedContext({ span, trace: target }: ScoreOptions): Context {
  if (span !== undefined) {
    return isSpan(span) ? trace.setSpan(ROOT_CONTEXT, span) : trace.setSpanContext(ROOT_CONTEXT, span);
  }
  if (target === undefined) return context.active();
  if (target.spanId === undefined) return contextForTrace(target.traceId);
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: target.traceId,
    spanId: target.spanId,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
  });
}

function isSpan(span: Span | SpanContext): span is Span {
  return typeof (span as Partial<Span>).spanContext === 'function';
}
