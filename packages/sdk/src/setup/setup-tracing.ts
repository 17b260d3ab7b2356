import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { captureContentFromEnvironment } from '../content/capture-content-flag.js';
import { installContentSettings } from '../content/content-settings.js';
import { reportTelemetryFailure } from '../diag-guard.js';
import { installRunDestination } from '../runs/run-destination.js';
import { RunSpanProcessor } from '../runs/run-span-processor.js';
import { TraceTargetProcessor } from '../scores/trace-target.js';
import type { SetupTracingOptions, TracingHandle } from '../types.js';
import { buildResource } from './build-resource.js';
import { createLogExporter } from './create-log-exporter.js';
import { createTraceExporter } from './create-trace-exporter.js';
import { registerGlobals } from './register-globals.js';
import { registerLoggerProvider } from './register-logger-provider.js';

/**
 * Sets up OpenTelemetry tracing for the process in one call: a NodeTracerProvider exporting over
 * OTLP/HTTP in batches, registered globally, with every default taken from the standard OTEL_*
 * variables and explicit options winning over them; beside it a LoggerProvider exporting the
 * GenAI events `score()` emits to the same collector's `/v1/logs`.
 * @throws ConfigurationError for an invalid option or environment value; nothing is registered then.
 */
export function setupTracing(options: SetupTracingOptions = {}): TracingHandle {
  const capture = options.captureContent ?? captureContentFromEnvironment();
  const resource = buildResource(options);
  // The run processor comes first, so the processors after it see spans with their run.
  const spanProcessors = [
    new RunSpanProcessor(),
    ...(options.spanProcessors ?? [new BatchSpanProcessor(options.exporter ?? createTraceExporter(options))]),
  ];

  // The trace-target processor comes first, so exporters see the trace a score was given.
  const logRecordProcessors = [
    new TraceTargetProcessor(),
    ...(options.logRecordProcessors ?? [
      new BatchLogRecordProcessor({ exporter: createLogExporter(options) }),
    ]),
  ];

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  const loggerProvider = new LoggerProvider({ resource, processors: logRecordProcessors });
  const unregisterGlobals = registerGlobals(tracerProvider);
  const unregisterLoggerProvider = registerLoggerProvider(loggerProvider);
  const uninstallContentSettings = installContentSettings({ capture, redact: options.redact });
  const uninstallRunDestination = installRunDestination({
    endpoint: options.endpoint,
    headers: options.headers,
    serviceName: String(resource.attributes[ATTR_SERVICE_NAME]),
  });

  let shutdown: Promise<void> | undefined;
  return {
    tracerProvider,
    loggerProvider,
    forceFlush: async () => {
      await Promise.all([
        tracerProvider
          .forceFlush()
          .catch((error: unknown) => reportTelemetryFailure('flushing spans', error)),
        loggerProvider
          .forceFlush()
          .catch((error: unknown) => reportTelemetryFailure('flushing log records', error)),
      ]);
    },
    shutdown: () =>
      (shutdown ??= Promise.all([
        tracerProvider
          .shutdown()
          .catch((error: unknown) => reportTelemetryFailure('shutting down tracing', error)),
        loggerProvider
          .shutdown()
          .catch((error: unknown) => reportTelemetryFailure('shutting down logging', error)),
      ]).then(() => {
        unregisterGlobals();
        unregisterLoggerProvider();
        uninstallContentSettings();
        uninstallRunDestination();
      })),
  };
}
