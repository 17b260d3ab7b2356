import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { captureContentFromEnvironment } from '../content/capture-content-flag.js';
import { installContentSettings } from '../content/content-settings.js';
import { reportTelemetryFailure } from '../diag-guard.js';
import type { SetupTracingOptions, TracingHandle } from '../types.js';
import { buildResource } from './build-resource.js';
import { createTraceExporter } from './create-trace-exporter.js';
import { registerGlobals } from './register-globals.js';

/**
 * Sets up OpenTelemetry tracing for the process in one call: a NodeTracerProvider exporting over
 * OTLP/HTTP in batches, registered globally, with every default taken from the standard OTEL_*
 * variables and explicit options winning over them.
 * @throws ConfigurationError for an invalid option or environment value; nothing is registered then.
 */
export function setupTracing(options: SetupTracingOptions = {}): TracingHandle {
  const capture = options.captureContent ?? captureContentFromEnvironment();
  const resource = buildResource(options);
  const spanProcessors = options.spanProcessors ?? [
    new BatchSpanProcessor(options.exporter ?? createTraceExporter(options)),
  ];

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  const unregisterGlobals = registerGlobals(tracerProvider);
  const uninstallContentSettings = installContentSettings({ capture, redact: options.redact });

  let shutdown: Promise<void> | undefined;
  return {
    tracerProvider,
    forceFlush: () =>
      tracerProvider.forceFlush().catch((error: unknown) => reportTelemetryFailure('flushing spans', error)),
    shutdown: () =>
      (shutdown ??= tracerProvider
        .shutdown()
        .catch((error: unknown) => reportTelemetryFailure('shutting down tracing', error))
        .finally(() => {
          unregisterGlobals();
          uninstallContentSettings();
        })),
  };
}
