import type { CallbackManagerLike, ConfigureMethod } from './internal-types.js';
import { RAGTRACE_HANDLER_NAME } from './ragtrace-callback-handler.js';
import type { RagtraceCallbackHandler } from './ragtrace-callback-handler.js';

function hasRagtraceHandler(handlers: readonly unknown[]): boolean {
  return handlers.some(
    (handler) => (handler as { name?: unknown } | undefined)?.name === RAGTRACE_HANDLER_NAME,
  );
}

/**
 * The inheritable handlers with ours among them. Given to the original rather than added to its
 * result, because LangChain only creates a manager (and with it the run's tags and `ls_*`
 * metadata) when there is a handler: a run the app gave no callbacks would otherwise have none.
 * A manager passed down from a parent run already went through this patch, so it is kept as is.
 */
function withHandler(inheritable: unknown, handler: RagtraceCallbackHandler): unknown {
  if (inheritable === undefined || inheritable === null) return [handler];
  if (!Array.isArray(inheritable) || hasRagtraceHandler(inheritable)) return inheritable;
  return [...inheritable, handler];
}

/**
 * Wraps `CallbackManager._configureSync` (which `configure` calls too, in 0.3 and 1.x): every
 * run's callback manager comes out of it, so every run gets the handler, and only once (by name,
 * so a handler the app passed itself is not doubled).
 */
export function configureWithHandler(
  handler: RagtraceCallbackHandler,
  report: (activity: string, error: unknown) => void,
): (original: ConfigureMethod) => ConfigureMethod {
  return (original) =>
    function configure(this: unknown, ...args: unknown[]): CallbackManagerLike | undefined {
      let patchedArgs = args;
      try {
        patchedArgs = [withHandler(args[0], handler), ...args.slice(1)];
      } catch (error) {
        report('adding the handler to a run', error);
      }
      const manager = original.apply(this, patchedArgs);
      try {
        if (manager !== undefined && !hasRagtraceHandler(manager.handlers)) manager.addHandler(handler, true);
      } catch (error) {
        report('adding the handler to a run', error);
      }
      return manager;
    };
}
