import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { setupTracing } from '../setup/setup-tracing.js';
import type { SetupTracingOptions } from '../types.js';

export interface MemoryTracing {
  /** Finished spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one finished span with this name; fails the test if there are none or several. */
  span(name: string): ReadableSpan;
  reset(): void;
  shutdown(): Promise<void>;
}

/** setupTracing with its real NodeTracerProvider, exporting synchronously to memory. */
export function setupMemoryTracing(options: Omit<SetupTracingOptions, 'spanProcessors'> = {}): MemoryTracing {
  const exporter = new InMemorySpanExporter();
  const handle = setupTracing({ ...options, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    spans: () => exporter.getFinishedSpans(),
    span(name) {
      const matching = exporter.getFinishedSpans().filter((span) => span.name === name);
      if (matching.length !== 1) {
        const names = exporter.getFinishedSpans().map((span) => span.name);
        throw new Error(
          `expected one span named ${name}, found ${matching.length} among ${JSON.stringify(names)}`,
        );
      }
      return matching[0]!;
    },
    reset: () => exporter.reset(),
    shutdown: () => handle.shutdown(),
  };
}
