import type * as OpenInference from '@arizeai/openinference-instrumentation-openai';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { OpenAIInstrumentation as RagtraceOpenAIInstrumentation } from '@ragtrace/instrumentation-openai';
import { setupTracing, type TracingHandle } from '@ragtrace/sdk';
import { OpenAIInstrumentation as OpenLLMetryOpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { createRequire } from 'node:module';
import { SpanFloorInstrumentation } from './span-floor-instrumentation.js';

/**
 * OpenInference's module itself requires `openai` when it loads, and npm workspaces left `openai`
 * in tests/node_modules while hoisting OpenInference to the root: its CommonJS build finds it
 * through the NODE_PATH the benchmark gives its children (ESM resolution ignores NODE_PATH).
 * Loaded in its own variant only, so no other child has `openai` loaded before its hook is set.
 */
function loadOpenInference(): typeof OpenInference {
  return createRequire(import.meta.url)(
    '@arizeai/openinference-instrumentation-openai',
  ) as typeof OpenInference;
}

export const VARIANTS = ['uninstrumented', 'span-floor', 'ragtrace', 'openinference', 'openllmetry'] as const;
export type Variant = (typeof VARIANTS)[number];

/**
 * Each variant's instrumentation, with content capture off: the span floor (no content at all), ragtrace's default, OpenInference's
 * trace config hiding every input, output, message, text, image and embedding vector, and
 * OpenLLMetry's `traceContent: false` (token enrichment, off by default, stays off).
 */
const INSTRUMENTATIONS: Record<Variant, () => Instrumentation | undefined> = {
  uninstrumented: () => undefined,
  'span-floor': () => new SpanFloorInstrumentation(),
  ragtrace: () => new RagtraceOpenAIInstrumentation({ captureContent: false }),
  openinference: () =>
    new (loadOpenInference().OpenAIInstrumentation)({
      traceConfig: {
        hideInputs: true,
        hideOutputs: true,
        hideInputMessages: true,
        hideOutputMessages: true,
        hideInputImages: true,
        hideInputText: true,
        hideOutputText: true,
        hideEmbeddingVectors: true,
        hidePrompts: true,
      },
    }) as unknown as Instrumentation,
  openllmetry: () => new OpenLLMetryOpenAIInstrumentation({ traceContent: false, enrichTokens: false }),
};

/**
 * The same OTel pipeline for every variant — ragtrace's `setupTracing`: a NodeTracerProvider with
 * a BatchSpanProcessor and the OTLP/HTTP protobuf exporter to `endpoint` — plus the variant's
 * instrumentation, enabled before the app loads `openai`.
 */
export function instrumentVariant(variant: Variant, endpoint: string): TracingHandle {
  const tracing = setupTracing({ endpoint, serviceName: `bench-${variant}`, captureContent: false });
  const instrumentation = INSTRUMENTATIONS[variant]();
  if (instrumentation !== undefined) {
    registerInstrumentations({ instrumentations: [instrumentation], tracerProvider: tracing.tracerProvider });
  }
  return tracing;
}
