import type { SeededRandom } from './seeded-random.js';

type ByteMutation = (input: Uint8Array, random: SeededRandom) => Uint8Array;

// The classic structure-unaware mutations: enough to reach every protobuf decoder branch that
// handles wrong wire types, lengths running past the end, truncation and garbage varints.
const BYTE_MUTATIONS: readonly ByteMutation[] = [
  function flipBit(input, random) {
    const out = input.slice();
    if (out.length > 0) out[random.below(out.length)]! ^= 1 << random.below(8);
    return out;
  },
  function setByte(input, random) {
    const out = input.slice();
    if (out.length > 0)
      out[random.below(out.length)] = random.pick([0x00, 0x7f, 0x80, 0xff, random.below(256)]);
    return out;
  },
  function truncate(input, random) {
    return input.slice(0, random.below(input.length + 1));
  },
  function insertRandom(input, random) {
    const at = random.below(input.length + 1);
    return Buffer.concat([input.subarray(0, at), random.bytes(1 + random.below(16)), input.subarray(at)]);
  },
  function deleteRange(input, random) {
    const at = random.below(input.length + 1);
    return Buffer.concat([input.subarray(0, at), input.subarray(at + 1 + random.below(16))]);
  },
  function duplicateRange(input, random) {
    const at = random.below(input.length + 1);
    const range = input.subarray(at, at + 1 + random.below(64));
    return Buffer.concat([input.subarray(0, at), range, range, input.subarray(at)]);
  },
  function hugeVarint(input, random) {
    const at = random.below(input.length + 1);
    const varint = new Uint8Array(random.below(12) + 1).fill(0xff);
    return Buffer.concat([input.subarray(0, at), varint, input.subarray(at)]);
  },
];

/** One to four random byte-level mutations of `input` (never modified in place). */
export function mutateBytes(input: Uint8Array, random: SeededRandom): Uint8Array {
  let out = input;
  const rounds = 1 + random.below(4);
  for (let round = 0; round < rounds; round += 1) out = random.pick(BYTE_MUTATIONS)(out, random);
  return out;
}
