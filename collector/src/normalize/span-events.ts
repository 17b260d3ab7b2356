import type { SpanRow } from '../storage/span-row.js';

/** The value of `key` on the first span event named `eventName` that has it. */
export function eventAttribute(row: SpanRow, eventName: string, key: string): string | undefined {
  const names = row['Events.Name'];
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== eventName) continue;
    const value = row['Events.Attributes'][i]?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The attributes of every span event named `eventName`, in order. */
export function eventsNamed(row: SpanRow, eventName: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const names = row['Events.Name'];
  for (let i = 0; i < names.length; i++) {
    if (names[i] === eventName) found.push(row['Events.Attributes'][i] ?? {});
  }
  return found;
}
