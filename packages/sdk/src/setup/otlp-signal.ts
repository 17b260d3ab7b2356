import {
  ENV_OTLP_LOGS_ENDPOINT,
  ENV_OTLP_LOGS_PROTOCOL,
  ENV_OTLP_TRACES_ENDPOINT,
  ENV_OTLP_TRACES_PROTOCOL,
} from './environment-variables.js';

/** The OTLP signals the SDK exports: spans, and log records for GenAI events such as scores. */
export type OtlpSignal = 'traces' | 'logs';

export interface SignalSettings {
  /** Path appended to a base endpoint, as for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly path: string;
  /** The signal's own endpoint variable, used as is. */
  readonly endpointVariable: string;
  /** The signal's own protocol variable, which wins over the general one. */
  readonly protocolVariable: string;
}

export const SIGNAL_SETTINGS: Readonly<Record<OtlpSignal, SignalSettings>> = {
  traces: {
    path: 'v1/traces',
    endpointVariable: ENV_OTLP_TRACES_ENDPOINT,
    protocolVariable: ENV_OTLP_TRACES_PROTOCOL,
  },
  logs: {
    path: 'v1/logs',
    endpointVariable: ENV_OTLP_LOGS_ENDPOINT,
    protocolVariable: ENV_OTLP_LOGS_PROTOCOL,
  },
};
