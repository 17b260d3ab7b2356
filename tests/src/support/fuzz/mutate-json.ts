import type { SeededRandom } from './seeded-random.js';

// Values that break assumptions of JSON decoders: wrong types, out-of-range numbers, ids of the
// wrong length, strings where numbers go (OTLP/JSON allows some), deep nesting.
const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 64,
  0.5,
  '',
  'x',
  '18446744073709551616',
  '-5',
  'not-hex-zz',
  'AAAA',
  '0'.repeat(64),
  [],
  [null],
  {},
  { stringValue: 1 },
  { arrayValue: { values: [{ kvlistValue: null }] } },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

const MAX_TARGET_DEPTH = 32;

function deeplyNested(depth: number): unknown {
  let value: unknown = { stringValue: 'deep' };
  for (let level = 0; level < depth; level += 1) value = { arrayValue: { values: [value] } };
  return value;
}

/**
 * Containers (objects and arrays) in the tree down to `MAX_TARGET_DEPTH`, so a mutation can target
 * any of them; walked iteratively because earlier mutations may have nested values very deeply.
 */
function containers(root: unknown): (object | unknown[])[] {
  const found: (object | unknown[])[] = [];
  const pending: [value: unknown, depth: number][] = [[root, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object' || depth > MAX_TARGET_DEPTH) continue;
    found.push(value);
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return found;
}

/** One to three structural mutations of a parsed OTLP/JSON document (a deep copy is mutated). */
export function mutateJson(document: unknown, random: SeededRandom): unknown {
  const copy: unknown = structuredClone(document);
  const rounds = 1 + random.below(3);
  for (let round = 0; round < rounds; round += 1) {
    const targets = containers(copy);
    if (targets.length === 0) return random.pick(HOSTILE_VALUES);
    const target = random.pick(targets) as Record<string, unknown>;
    const keys = Object.keys(target);
    const key =
      keys.length > 0 && random.next() < 0.8 ? random.pick(keys) : random.pick(['extra', '0', 'traceId']);
    const choice = random.below(4);
    if (choice === 0) delete target[key];
    else if (choice === 1) target[key] = random.pick(HOSTILE_VALUES);
    else if (choice === 2) target[key] = deeplyNested(1 + random.below(200));
    else target[key] = Array.from({ length: random.below(5) }, () => target[key]);
  }
  return copy;
}
