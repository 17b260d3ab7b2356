import { diag } from '@opentelemetry/api';
import { register } from 'node:module';

/**
 * Registers import-in-the-middle's loader hook (as shipped by @opentelemetry/instrumentation), so
 * that modules an ESM app imports pass through the instrumentations' hooks the way `require`d
 * ones pass through require-in-the-middle. Must run before the app's first import.
 */
export function registerEsmLoaderHook(): void {
  try {
    register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  } catch (error) {
    diag.warn(
      `@ragtrace/auto/register: ESM loader hook not registered, imports stay unpatched: ${String(error)}`,
    );
  }
}
