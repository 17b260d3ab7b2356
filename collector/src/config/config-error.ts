import { RagtraceError } from '../errors/ragtrace-error.js';

/** A configuration value was refused at start-up; the message names setting, value and what is accepted. */
export class ConfigError extends RagtraceError {
  readonly code = 'INVALID_CONFIG';

  constructor(
    readonly setting: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`Invalid ${setting}=${JSON.stringify(value)}: expected ${accepted}`);
  }
}
