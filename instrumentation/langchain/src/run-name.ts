import type { SerializedRunnable } from './internal-types.js';

/** The name LangChain itself shows for a run: the `runName` given, else the runnable's class. */
export function runNameOf(serialized: SerializedRunnable | undefined, runName: string | undefined): string {
  if (runName !== undefined && runName !== '') return runName;
  if (typeof serialized?.name === 'string' && serialized.name !== '') return serialized.name;
  return serialized?.id?.at(-1) ?? 'unknown';
}
