import { diag } from '@opentelemetry/api';
import { getStringFromEnv } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { setupTracing } from '@ragtrace/sdk';
import type { TracingHandle } from '@ragtrace/sdk';
import { installDiagLogger } from './diag-logger.js';
import { loadInstalledInstrumentations } from './load-installed-instrumentations.js';
import { registerEsmLoaderHook } from './esm-loader-hook.js';
import { flushOnExit } from './flush-on-exit.js';
import { INSTRUMENTATION_CATALOG } from './instrumentation-catalog.js';
import { appDirectories } from './library-installed.js';
import {
  describeUnknownNames,
  ENV_RAGTRACE_INSTRUMENTATIONS,
  selectInstrumentations,
} from './select-instrumentations.js';

/**
 * What `@ragtrace/auto/register` does on load: tracing from the OTEL_* and RAGTRACE_* variables,
 * the ESM loader hook, every selected instrumentation whose library the app can load, and a
 * flush when the process ends. Never throws: a setting tracing cannot honour is reported and the
 * app runs without telemetry.
 */
export function startAutoInstrumentation(): void {
  installDiagLogger();
  let tracing: TracingHandle;
  try {
    tracing = setupTracing();
  } catch (error) {
    diag.error(`@ragtrace/auto/register: tracing not started: ${(error as Error).message}`);
    return;
  }
  // The loader hook goes first: the instrumentations' ESM hooks only see modules loaded after it.
  registerEsmLoaderHook();

  const value = getStringFromEnv(ENV_RAGTRACE_INSTRUMENTATIONS)?.trim();
  const selection = selectInstrumentations(value, INSTRUMENTATION_CATALOG);
  if (value !== undefined && selection.unknownNames.length > 0) {
    diag.warn(
      `@ragtrace/auto/register: ${describeUnknownNames(value, selection.unknownNames, INSTRUMENTATION_CATALOG)}`,
    );
  }
  const instrumentations = loadInstalledInstrumentations(selection.entries, appDirectories());
  registerInstrumentations({
    instrumentations: [...instrumentations.values()],
    tracerProvider: tracing.tracerProvider,
  });
  diag.debug(
    `@ragtrace/auto/register: instrumentations enabled: ${[...instrumentations.keys()].join(', ') || 'none'}`,
  );

  flushOnExit(() => tracing.shutdown());
}
