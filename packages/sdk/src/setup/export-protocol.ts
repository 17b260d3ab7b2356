import { ConfigurationError } from '../configuration-error.js';
import type { ExportProtocol } from '../types.js';
import { ENV_OTLP_PROTOCOL, readEnvironment } from './environment-variables.js';
import { SIGNAL_SETTINGS, type OtlpSignal } from './otlp-signal.js';

const PROTOCOLS: readonly ExportProtocol[] = ['http/protobuf', 'http/json'];
const ACCEPTED = `one of ${PROTOCOLS.map((protocol) => `'${protocol}'`).join(', ')}`;

function isExportProtocol(value: string): value is ExportProtocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

function checked(setting: string, value: string): ExportProtocol {
  if (!isExportProtocol(value)) throw new ConfigurationError(setting, value, ACCEPTED);
  return value;
}

/** The option wins, then the signal's own variable, then the general one, then OTLP's default. */
export function resolveExportProtocol(option: string | undefined, signal: OtlpSignal): ExportProtocol {
  if (option !== undefined) return checked('protocol', option);
  for (const variable of [SIGNAL_SETTINGS[signal].protocolVariable, ENV_OTLP_PROTOCOL]) {
    const value = readEnvironment(variable);
    if (value !== undefined) return checked(variable, value);
  }
  return 'http/protobuf';
}
