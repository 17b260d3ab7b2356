/** Limits the decoders apply while reading one export; the collector builds them from its configuration. */
export interface DecodeLimits {
  /**
   * Longest attribute value stored whole, in characters (UTF-16 code units, what OTel SDKs'
   * attribute value length limit counts too); longer values are truncated with a marker.
   */
  readonly maxAttributeValueLength: number;
}

/** For callers that decode without a configured collector (tests, benchmarks): nothing is truncated. */
export const NO_DECODE_LIMITS: DecodeLimits = { maxAttributeValueLength: Number.POSITIVE_INFINITY };
