import { createHash } from 'node:crypto';

/**
 * Ids derived from the run's seed and the request number, so the ledger, the verifier and a
 * rerun all agree on which span is which without sharing state.
 */
export function traceIdFor(seed: string, request: number): string {
  return hexDigest(`${seed}/trace/${request}`, 32);
}

export function spanIdFor(seed: string, request: number, index: number): string {
  return hexDigest(`${seed}/span/${request}/${index}`, 16);
}

export function spanIdsFor(seed: string, request: number, spansPerRequest: number): string[] {
  return Array.from({ length: spansPerRequest }, (_, index) => spanIdFor(seed, request, index));
}

function hexDigest(text: string, hexChars: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, hexChars);
}
