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

/** Folders nested this deep below a floor's folder get a rule of their own (imports are relative). */
const MAX_DEPTH = 4;

/** ESLint config blocks: for each floor and depth, the floors its files must not import. */
export function collectorFloorRules() {
  const floors = Object.keys(COLLECTOR_FLOORS);
  return Object.entries(COLLECTOR_FLOORS).flatMap(([floor, allowed]) => {
    const refused = floors.filter((other) => other !== floor && !allowed.includes(other));
    if (refused.length === 0) return [];
    return Array.from({ length: MAX_DEPTH }, (_, depth) => ({
      files: [`collector/src/${floor}/${'*/'.repeat(depth)}*.ts`],
      ignores: ['**/*.test.ts', '**/test-support/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^${'\\.\\./'.repeat(depth + 1)}(${refused.join('|')})/`,
                message: `${floor}/ may import only ${allowed.join(', ') || 'nothing of the collector'} (eslint.floors.js)`,
              },
            ],
          },
        ],
      },
    }));
  });
}
