/**
 * Thrown by `setupTracing` for a setting it cannot honour. Start-up is the one place the SDK
 * throws: failing loudly there beats exporting nowhere, or to the wrong place, in silence.
 */
export class ConfigurationError extends Error {
  readonly code = 'RAGTRACE_INVALID_CONFIGURATION';
  /** The option or environment variable at fault. */
  readonly setting: string;
  readonly value: unknown;
  /** What would have been accepted, in words, e.g. `one of 'http/protobuf', 'http/json'`. */
  readonly accepted: string;

  constructor(setting: string, value: unknown, accepted: string) {
    super(
      `Invalid ${setting}: ${typeof value === 'string' ? `'${value}'` : String(value)}; expected ${accepted}.`,
    );
    this.name = 'ConfigurationError';
    this.setting = setting;
    this.value = value;
    this.accepted = accepted;
  }
}
