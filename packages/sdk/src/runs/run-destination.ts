import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import {
  ENV_OTLP_ENDPOINT,
  ENV_OTLP_HEADERS,
  ENV_OTLP_TRACES_ENDPOINT,
  ENV_SERVICE_NAME,
  readEnvironment,
} from '../setup/environment-variables.js';

/** Where run records go, and as whom. */
export interface RunDestination {
  /** `<OTLP base endpoint>/api/runs`. */
  readonly runsUrl: URL;
  readonly headers: Record<string, string>;
  readonly serviceName: string;
}

/** What setupTracing knows beyond the environment. */
export interface RunDestinationSettings {
  readonly endpoint?: string;
  readonly headers?: Record<string, string>;
  readonly serviceName?: string;
}

const DEFAULT_ENDPOINT = 'http://localhost:4318';
const RUNS_PATH = 'api/runs';
const TRACES_PATH_SUFFIX = /\/v1\/traces\/?$/;

let configured: RunDestinationSettings | undefined;

/** Installed by setupTracing; returns the function that removes them again (if still current). */
export function installRunDestination(settings: RunDestinationSettings): () => void {
  configured = settings;
  return () => {
    if (configured === settings) configured = undefined;
  };
}

/**
 * The collector that receives the spans receives the runs: the setupTracing endpoint, else
 * OTEL_EXPORTER_OTLP_ENDPOINT, else the traces endpoint without its `/v1/traces`, else OTLP's
 * default. Headers follow the exporter's too (OTEL_EXPORTER_OTLP_HEADERS, then options), so an
 * authenticating collector accepts both.
 * @throws TypeError for an endpoint that is not a URL; callers report it to diag.
 */
export function currentRunDestination(): RunDestination {
  const base =
    configured?.endpoint ??
    readEnvironment(ENV_OTLP_ENDPOINT) ??
    readEnvironment(ENV_OTLP_TRACES_ENDPOINT)?.replace(TRACES_PATH_SUFFIX, '') ??
    DEFAULT_ENDPOINT;
  const baseUrl = new URL(base);
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  return {
    runsUrl: new URL(RUNS_PATH, baseUrl),
    headers: { ...parseKeyPairsIntoRecord(readEnvironment(ENV_OTLP_HEADERS)), ...configured?.headers },
    serviceName: configured?.serviceName ?? readEnvironment(ENV_SERVICE_NAME) ?? '',
  };
}
