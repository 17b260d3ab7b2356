import { context, propagation, trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * Registers the provider, an AsyncLocalStorage context manager (so active spans survive `await`)
 * and W3C propagation, like `NodeTracerProvider.register()`, but remembers which registrations
 * took: the returned function undoes only those, so a later setup in the same process (tests,
 * repeated demo runs) starts clean without tearing down globals someone else installed.
 */
export function registerGlobals(provider: TracerProvider): () => void {
  const ownsTrace = trace.setGlobalTracerProvider(provider);
  const contextManager = new AsyncLocalStorageContextManager();
  const ownsContext = context.setGlobalContextManager(contextManager);
  if (ownsContext) contextManager.enable();
  const ownsPropagation = propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  return () => {
    if (ownsTrace) trace.disable();
    if (ownsContext) context.disable();
    if (ownsPropagation) propagation.disable();
  };
}
