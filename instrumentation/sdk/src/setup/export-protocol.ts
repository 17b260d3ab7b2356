import { ConfigurationError } from '../configuration-error.js';
import type { ExportProtocol } from '../types.js';
import { ENV_OTLP_PROTOCOL, ENV_OTLP_TRACES_PROTOCOL, readEnvironment } from './environment-variables.js';

const PROTOCOLS: readonly ExportProtocol[] = ['http/protobuf', 'http/json'];
const ACCEPTED = `one of ${PROTOCOLS.map((protocol) => `'${protocol}'`).join(', ')}`;

function isExportProtocol(value: string): value is ExportProtocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

function checked(setting: string, value: string): ExportProtocol {
  if (!isExportProtocol(value)) throw new ConfigurationError(setting, value, ACCEPTED);
  return value;
}

/** The option wins, then the traces-specific variable, then the general one, then OTLP's default. */
export function resolveExportProtocol(option: string | undefined): ExportProtocol {
  if (option !== undefined) return checked('protocol', option);
  for (const variable of [ENV_OTLP_TRACES_PROTOCOL, ENV_OTLP_PROTOCOL]) {
    const value = readEnvironment(variable);
    if (value !== undefined) return checked(variable, value);
  }
  return 'http/protobuf';
}
