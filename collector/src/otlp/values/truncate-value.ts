/**
 * Cuts `value` to `maxLength` characters and appends `…[truncated N chars]`, N being how many
 * were cut: a huge value (a whole document, a base64 image) costs a bounded amount of storage,
 * the span survives, and a reader can tell the text is incomplete and by how much. Values
 * within the limit cost one length comparison.
 */
export function truncateValue(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let end = maxLength;
  // Never split a surrogate pair: its lone first half would be stored as U+FFFD.
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…[truncated ${value.length - end} chars]`;
}
