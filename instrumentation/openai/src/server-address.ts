import type { Attributes } from '@opentelemetry/api';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@ragtrace/semconv';
import type { ResourceInstance } from './internal-types.js';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80 };

/** Parsed once per base URL rather than per call: a client's base URL rarely changes. */
let lastParsed: { readonly baseURL: string; readonly attributes: Readonly<Attributes> } | undefined;

function parseServerAttributes(baseURL: string): Readonly<Attributes> {
  const url = new URL(baseURL);
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return Object.freeze({
    [ATTR_SERVER_ADDRESS]: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    [ATTR_SERVER_PORT]: port,
  });
}

/** `server.address` / `server.port` of the client behind a resource (`this` inside `create`); callers copy them. */
export function serverAttributes(resource: unknown): Readonly<Attributes> {
  const baseURL = (resource as ResourceInstance | undefined)?._client?.baseURL;
  if (typeof baseURL !== 'string') return {};
  if (lastParsed?.baseURL !== baseURL) lastParsed = { baseURL, attributes: parseServerAttributes(baseURL) };
  return lastParsed.attributes;
}
