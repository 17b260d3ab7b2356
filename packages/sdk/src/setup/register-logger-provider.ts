import { logs, type LoggerProvider } from '@opentelemetry/api-logs';

/**
 * Registers the global LoggerProvider (what `score()` emits through) and returns the function
 * that undoes it, only if this registration took, as registerGlobals does for tracing.
 */
export function registerLoggerProvider(provider: LoggerProvider): () => void {
  const owns = logs.setGlobalLoggerProvider(provider) === provider;
  return () => {
    if (owns) logs.disable();
  };
}
