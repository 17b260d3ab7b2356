import { COLLECTOR_SETTINGS } from '../config/collector-settings.js';
import { ConfigError } from '../config/config-error.js';
import { resolveSetting } from '../config/settings.js';

/** The flags every command that talks to a running collector accepts, for node's parseArgs. */
export const COLLECTOR_URL_OPTIONS = {
  url: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
} as const;

/** Usage lines for {@link COLLECTOR_URL_OPTIONS}. */
export const COLLECTOR_URL_USAGE = `  --url URL        the collector, e.g. http://127.0.0.1:4318 (default: from --host and --port)
  --host HOST      ${COLLECTOR_SETTINGS.host.env} (default: ${COLLECTOR_SETTINGS.host.defaultValue})
  --port PORT      ${COLLECTOR_SETTINGS.port.env} (default: ${COLLECTOR_SETTINGS.port.defaultValue})`;

/** Failures of the network rather than of a request: nothing is answering at that address. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

/**
 * The collector a command talks to: `--url`, else RAGTRACE_HOST/RAGTRACE_PORT or their flags,
 * validated the way `start` validates them. Throws ConfigError naming the bad value.
 */
export function resolveCollectorUrl(
  values: { url?: string; host?: string; port?: string },
  env: NodeJS.ProcessEnv,
): URL {
  if (values.url !== undefined) return parseCollectorUrl(values.url);
  const flags = new Map<string, string>();
  if (values.host !== undefined) flags.set(COLLECTOR_SETTINGS.host.flag, values.host);
  if (values.port !== undefined) flags.set(COLLECTOR_SETTINGS.port.flag, values.port);
  const listenHost = resolveSetting(COLLECTOR_SETTINGS.host, env, flags);
  const port = resolveSetting(COLLECTOR_SETTINGS.port, env, flags);
  // A collector listening on every interface is reached over loopback.
  const host = listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost === '::' ? '::1' : listenHost;
  return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

function parseCollectorUrl(raw: string): URL {
  const accepted = 'an http:// or https:// URL of the collector such as http://127.0.0.1:4318';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('--url', raw, accepted);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('--url', raw, accepted);
  return url;
}

/** Whether an error (or, for fetch, its cause) says nothing answered at the collector's address. */
export function isUnreachable(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  return cause !== undefined && cause !== error && isUnreachable(cause);
}

/** What a command prints when {@link isUnreachable}. */
export function unreachableMessage(collectorUrl: URL): string {
  return `cannot reach the collector at ${collectorUrl.href.replace(/\/$/, '')} — is it running? (npm start)`;
}
