/** Characters of a value an error message shows; a longer value is cut and ends in `…`. */
const MAX_SHOWN = 60;

/**
 * A parsed JSON value as an error message shows it ("expected a string, got {"a":[1,2]}"): its
 * JSON text, cut to 60 characters, `nothing` for a missing value, and numbers as JavaScript holds
 * them (JSON.parse turns 1e400 into Infinity, which JSON cannot write). Only as much of the value
 * is walked as is shown, so a value nested 200,000 levels deep — JSON.parse builds one without
 * complaint — costs no more than a short one and cannot overflow the stack, as JSON.stringify
 * would.
 */
export function describeJsonValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const parts: string[] = [];
  let shown = 0;
  /** Adds text; false once there is enough to show, to stop the walk. */
  const append = (text: string): boolean => {
    parts.push(text);
    shown += text.length;
    return shown <= MAX_SHOWN;
  };
  // Each level appends a character before going deeper, so this recurses MAX_SHOWN levels at most.
  const write = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      if (!append('[')) return false;
      for (let i = 0; i < item.length; i++) {
        if ((i > 0 && !append(',')) || !write(item[i])) return false;
      }
      return append(']');
    }
    if (typeof item === 'object' && item !== null) {
      if (!append('{')) return false;
      let first = true;
      for (const [key, entry] of Object.entries(item)) {
        if ((!first && !append(',')) || !append(`${JSON.stringify(key)}:`) || !write(entry)) return false;
        first = false;
      }
      return append('}');
    }
    if (typeof item === 'number' || typeof item === 'bigint') return append(String(item));
    return append(JSON.stringify(item) ?? String(item));
  };
  write(value);
  const text = parts.join('');
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
