import { ConfigurationError } from '../configuration-error.js';
import { ENV_OTLP_ENDPOINT, readEnvironment } from './environment-variables.js';
import { SIGNAL_SETTINGS, type OtlpSignal } from './otlp-signal.js';

const ACCEPTED = 'an absolute http:// or https:// URL';

function parseHttpUrl(setting: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(setting, value, ACCEPTED);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(setting, value, ACCEPTED);
  }
  return url;
}

/**
 * The exporter URL of a signal for an explicit `endpoint` option, treated like
 * OTEL_EXPORTER_OTLP_ENDPOINT (a base to which `/v1/traces` or `/v1/logs` is appended). Without
 * the option it returns undefined and the exporter resolves the environment itself; the variables
 * are still validated here because the exporter would only warn and fall back to localhost,
 * exporting somewhere the user didn't ask for.
 */
export function resolveSignalUrl(endpoint: string | undefined, signal: OtlpSignal): string | undefined {
  const { path, endpointVariable } = SIGNAL_SETTINGS[signal];
  if (endpoint === undefined) {
    for (const variable of [endpointVariable, ENV_OTLP_ENDPOINT]) {
      const value = readEnvironment(variable);
      if (value !== undefined) parseHttpUrl(variable, value);
    }
    return undefined;
  }
  const base = parseHttpUrl('endpoint', endpoint);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(path, base).href;
}
