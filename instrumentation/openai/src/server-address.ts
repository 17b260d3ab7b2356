import type { Attributes } from '@opentelemetry/api';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@ragtrace/semconv';
import type { ResourceInstance } from './internal-types.js';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80 };

/** `server.address` / `server.port` of the client behind a resource (`this` inside `create`). */
export function serverAttributes(resource: unknown): Attributes {
  const baseURL = (resource as ResourceInstance | undefined)?._client?.baseURL;
  if (typeof baseURL !== 'string') return {};
  const url = new URL(baseURL);
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return { [ATTR_SERVER_ADDRESS]: url.hostname.replace(/^\[(.*)\]$/, '$1'), [ATTR_SERVER_PORT]: port };
}
