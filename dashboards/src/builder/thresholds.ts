import type { ThresholdStep } from './dashboard-spec.js';

/** Green until `warning`, orange until `critical`, red above: latency, error rate, cost. */
export function higherIsWorse(warning: number, critical: number): readonly ThresholdStep[] {
  return [
    { color: 'green', value: null },
    { color: 'orange', value: warning },
    { color: 'red', value: critical },
  ];
}

/** Red below `critical`, orange below `warning`, green above: evaluation scores, cache share. */
export function lowerIsWorse(critical: number, warning: number): readonly ThresholdStep[] {
  return [
    { color: 'red', value: null },
    { color: 'orange', value: critical },
    { color: 'green', value: warning },
  ];
}

/** One neutral colour: panels where no value is good or bad in itself (counts, tokens). */
export const NEUTRAL: readonly ThresholdStep[] = [{ color: 'blue', value: null }];
