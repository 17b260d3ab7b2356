import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { diagLogLevelFromString, getStringFromEnv } from '@opentelemetry/core';

export const ENV_OTEL_LOG_LEVEL = 'OTEL_LOG_LEVEL';

/**
 * Sends OTel's diagnostics to the console at `OTEL_LOG_LEVEL` (standard values, `none` silences).
 * The default is warnings and errors: with nothing in the app's code to hook a logger onto, a
 * misconfiguration would otherwise go unseen.
 */
export function installDiagLogger(): void {
  const level = diagLogLevelFromString(getStringFromEnv(ENV_OTEL_LOG_LEVEL)?.trim()) ?? DiagLogLevel.WARN;
  diag.setLogger(new DiagConsoleLogger(), { logLevel: level, suppressOverrideMessage: true });
}
