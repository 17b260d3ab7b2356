// The collector's floors: which top-level folders of collector/src each folder may import.
// Lower floors first; a folder imports only what its entry names (and itself). ESLint refuses
// any other import in production code (tests and test-support may reach anywhere), so the
// layering cannot erode one convenient import at a time. ARCHITECTURE.md explains each floor.
export const COLLECTOR_FLOORS = {
  errors: [],
  storage: ['errors'],
  otlp: ['errors', 'storage'],
  normalize: ['otlp', 'storage'],
  pricing: ['storage'],
  logging: [],
  metrics: [],
  traces: ['errors', 'storage'],
  runs: ['errors', 'storage'],
  schema: ['pricing', 'storage'],
  auth: ['errors', 'schema', 'storage'],
  scores: ['errors', 'otlp', 'runs', 'storage', 'traces'],
  ingest: ['auth', 'errors', 'metrics', 'normalize', 'otlp', 'storage'],
  config: ['auth', 'errors', 'logging', 'storage'],
  spool: ['errors', 'ingest', 'logging', 'storage'],
  http: [
    'auth',
    'config',
    'errors',
    'ingest',
    'logging',
    'metrics',
    'otlp',
    'pricing',
    'runs',
    'schema',
    'scores',
    'storage',
    'traces',
  ],
  server: ['auth', 'config', 'http', 'ingest', 'logging', 'metrics', 'schema', 'spool', 'storage'],
  cli: ['auth', 'config', 'errors', 'http', 'logging', 'pricing', 'runs', 'server'],
};

/**
 * Floors inside a floor: which of its subfolders each subfolder may import. OTLP's two codecs
 * are independent siblings over the value rules they share.
 */
export const INNER_FLOORS = {
  otlp: { values: [], json: ['values'], protobuf: ['values'] },
};

/** Folders nested this deep below a floor's folder get a rule of their own (imports are relative). */
const MAX_DEPTH = 4;

const ups = (count) => '\\.\\./'.repeat(count);

/** ESLint config blocks: for each floor and depth, the floors its files must not import. */
export function collectorFloorRules() {
  const floors = Object.keys(COLLECTOR_FLOORS);
  return Object.entries(COLLECTOR_FLOORS).flatMap(([floor, allowed]) => {
    const refused = floors.filter((other) => other !== floor && !allowed.includes(other));
    const outer = (depth) => ({
      regex: `^${ups(depth + 1)}(${refused.join('|')})/`,
      message: `${floor}/ may import only ${allowed.join(', ') || 'nothing of the collector'} (eslint.floors.js)`,
    });
    const inner = Object.entries(INNER_FLOORS[floor] ?? {});
    const blocks = [];
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const plain = [`collector/src/${floor}/${'*/'.repeat(depth)}*.ts`];
      if (depth === 0 || inner.length === 0) {
        if (refused.length > 0) blocks.push(block(plain, [outer(depth)]));
        continue;
      }
      for (const [sub, subAllowed] of inner) {
        const siblings = inner
          .map(([name]) => name)
          .filter((name) => name !== sub && !subAllowed.includes(name));
        const patterns = refused.length > 0 ? [outer(depth)] : [];
        if (siblings.length > 0) {
          patterns.push({
            regex: `^${ups(depth)}(${siblings.join('|')})/`,
            message: `${floor}/${sub}/ may import ${subAllowed.map((name) => `only ${floor}/${name}`).join(', ') || `nothing else of ${floor}/`} (eslint.floors.js)`,
          });
        }
        if (patterns.length > 0) {
          blocks.push(block([`collector/src/${floor}/${sub}/${'*/'.repeat(depth - 1)}*.ts`], patterns));
        }
      }
      // Files of the floor's other subfolders (test-support) keep the outer rule.
      if (refused.length > 0) {
        blocks.push({
          ...block(plain, [outer(depth)]),
          ignores: [...IGNORED, ...inner.map(([sub]) => `collector/src/${floor}/${sub}/**`)],
        });
      }
    }
    return blocks;
  });
}

/** Tests and their support may reach anywhere. */
const IGNORED = ['**/*.test.ts', '**/test-support/**'];

function block(files, patterns) {
  return { files, ignores: IGNORED, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}
