import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const AUTO_REGISTER = '@ragtrace/auto/register';

const DEPRECATION =
  `@ragtrace/sdk/register is deprecated and goes in the next release: ` +
  `start with node --import ${AUTO_REGISTER} (or --require) instead.\n`;

const MISSING =
  `@ragtrace/sdk/register: auto-instrumentation moved to @ragtrace/auto, which is not installed; ` +
  `the app runs untraced. Install it (npm install @ragtrace/auto) and start with ` +
  `node --import ${AUTO_REGISTER}.\n`;

/**
 * Resolves `@ragtrace/auto/register` beside this SDK (the usual hoisted install), else from the
 * app's working directory; undefined when neither has it. Synchronous, as the set-up must be in
 * place before the app's first import.
 */
function resolveAutoRegister(): string | undefined {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), 'noop.js')).href]) {
    try {
      return createRequire(base).resolve(AUTO_REGISTER);
    } catch {
      // Not installed there; try the next place.
    }
  }
  return undefined;
}

/**
 * What the alias does: one line on stderr (a deprecation notice, which `--no-deprecation`
 * silences, or what to install), then `@ragtrace/auto/register`'s whole set-up when installed.
 * Never throws into the app: a preload that throws would stop it.
 */
export function loadAutoRegister(): void {
  const resolved = resolveAutoRegister();
  if (resolved === undefined) {
    process.stderr.write(MISSING);
    return;
  }
  if (!process.noDeprecation) process.stderr.write(DEPRECATION);
  try {
    createRequire(import.meta.url)(resolved);
  } catch (error) {
    process.stderr.write(
      `@ragtrace/sdk/register: ${AUTO_REGISTER} did not load, the app runs untraced: ${String(error)}\n`,
    );
  }
}
