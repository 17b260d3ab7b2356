import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createProjectKey, otlpLogExport, otlpSpanExport, withKey } from '../support/auth-keys.js';
import { sqlAttacks, type SqlAttack } from '../support/sql-attacks.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

/** Everything the victim project stores carries this marker. */
const VICTIM_SECRET = 'victim-secret-7f3a';
const VICTIM_TRACE = 'cc'.repeat(16);
/** When the victim's trace started: its bounds, in every form a result could print them. */
const VICTIM_START_SECONDS = 1_712_345_678;
const VICTIM_START_FORMS = ['1712345678', '2024-04-05 19:34:38', '2024-04-05T19:34:38'];
/** The content of a file outside the data dir, which no response may ever carry. */
const CANARY = 'canary-content-91c4';
const CANARY_FILE = 'canary.txt';

interface Outside {
  dir: string;
  canary: string;
  remove(): Promise<void>;
}

async function outsideDir(): Promise<Outside> {
  const dir = await makeTempDir('outside-data-dir');
  const canary = join(dir.path, CANARY_FILE);
  await writeFile(canary, `${CANARY}\n`);
  return { dir: dir.path, canary, remove: dir.remove };
}

async function send(collector: TestCollector, attack: SqlAttack, key: string | undefined): Promise<string> {
  const url = new URL(`${collector.url}/clickhouse/`);
  for (const [name, value] of Object.entries(attack.parameters ?? {})) url.searchParams.set(name, value);
  const headers = withKey(key, attack.headers);
  let init: RequestInit;
  if (attack.get) {
    url.searchParams.set('query', attack.sql);
    init = { headers };
  } else if (attack.formFields) {
    const form = new FormData();
    for (const [name, value] of Object.entries(attack.formFields)) form.set(name, value);
    init = { method: 'POST', body: form, headers };
  } else {
    if (attack.queryParameter !== undefined) url.searchParams.set('query', attack.queryParameter);
    init = { method: 'POST', body: attack.sql, headers };
  }
  const response = await fetch(url, init);
  const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
  return `${response.status}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${body}`;
}

/** What must never show: in a body, a header, an error message. */
function leaks(answer: string, markers: readonly string[]): string[] {
  return markers.filter((marker) => answer.includes(marker));
}

async function fingerprint(path: string): Promise<string> {
  return existsSync(path)
    ? createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
    : 'absent';
}

function targets(outside: Outside, keysFile: string) {
  let written = 0;
  return { canary: outside.canary, keysFile, target: () => join(outside.dir, `written-${++written}`) };
}

describe('/clickhouse under attack: a read key stays in its project and off the host', () => {
  let collector: TestCollector;
  let outside: Outside;
  let attacker: string;
  let victim: string;

  const post = async (path: string, key: string, body: unknown) => {
    const response = await fetch(`${collector.url}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...withKey(key) },
    });
    assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
  };

  before(async () => {
    outside = await outsideDir();
    collector = await startTestCollector({ RAGTRACE_AUTH: 'required' });
    victim = await createProjectKey(collector.dataDir, 'victim');
    attacker = await createProjectKey(collector.dataDir, 'attacker', 'ingest,read');
    await post(
      '/v1/traces',
      victim,
      otlpSpanExport(VICTIM_TRACE, VICTIM_SECRET, undefined, VICTIM_START_SECONDS),
    );
    await post('/v1/logs', victim, otlpLogExport(VICTIM_TRACE, VICTIM_SECRET));
    await post('/api/scores', victim, { name: VICTIM_SECRET, value: 1, traceId: VICTIM_TRACE });
    await post('/api/runs', victim, { id: 'run-1', name: VICTIM_SECRET, experiment: VICTIM_SECRET });
    // The attacker knows the victim's trace id and sends a span into it, an hour later.
    await post(
      '/v1/traces',
      attacker,
      otlpSpanExport(VICTIM_TRACE, 'attacker-span', 'victim', VICTIM_START_SECONDS + 3600),
    );
  });
  after(async () => {
    await collector.stop();
    await outside.remove();
  });

  it('answers at least 200 crafted queries without a byte of the victim project or of a host file', async () => {
    const keysFile = join(collector.dataDir, 'keys.json');
    const keysBefore = await fingerprint(keysFile);
    const attacks = sqlAttacks(targets(outside, keysFile));
    assert.ok(attacks.length >= 200, `${attacks.length} attacks`);
    const leaked: string[] = [];
    for (const attack of attacks) {
      const answer = await send(collector, attack, attacker);
      const found = leaks(answer, [VICTIM_SECRET, CANARY, ...VICTIM_START_FORMS]);
      if (found.length > 0) leaked.push(`${attack.name} → ${found.join(', ')}:\n${answer.slice(0, 400)}`);
    }
    // Checked together, so a failure shows every way the attacks got through.
    assert.deepEqual(
      { leaked, filesOutsideDataDir: await readdir(outside.dir), keyFile: await fingerprint(keysFile) },
      { leaked: [], filesOutsideDataDir: [CANARY_FILE], keyFile: keysBefore },
    );
  });

  it('still answers the attacker its own data and the victim its own, all of it', async () => {
    const own = await send(
      collector,
      { name: 'own spans', sql: 'SELECT SpanName FROM otel_traces', touchesFiles: false },
      attacker,
    );
    assert.match(own, /^200\n[\s\S]*\nattacker-span\n$/);
    const bounds = `SELECT toUnixTimestamp(min(Start)) FROM otel_traces_trace_id_ts WHERE TraceId = '${VICTIM_TRACE}'`;
    const victimBounds = await send(collector, { name: 'bounds', sql: bounds, touchesFiles: false }, victim);
    assert.match(victimBounds, new RegExp(`\\n${VICTIM_START_SECONDS}\\n$`));
    const victimRows = await send(
      collector,
      {
        name: 'victim rows',
        sql: 'SELECT (SELECT count() FROM otel_traces), (SELECT count() FROM otel_logs), (SELECT count() FROM genai_scores), (SELECT count() FROM genai_runs)',
        touchesFiles: false,
      },
      victim,
    );
    assert.match(victimRows, /\n1\t2\t1\t1\n$/, 'nothing of the victim was changed or dropped');
  });
});

describe('/clickhouse under attack with auth off: nobody on the port reaches the host files', () => {
  let collector: TestCollector;
  let outside: Outside;
  before(async () => {
    outside = await outsideDir();
    collector = await startTestCollector({ RAGTRACE_AUTH: 'off' });
  });
  after(async () => {
    await collector.stop();
    await outside.remove();
  });

  it('reads and writes no file outside the data dir, whatever the request', async () => {
    const keysFile = join(collector.dataDir, 'keys.json');
    const attacks = sqlAttacks(targets(outside, keysFile)).filter((attack) => attack.touchesFiles);
    assert.ok(attacks.length >= 150, `${attacks.length} attacks`);
    const leaked: string[] = [];
    for (const attack of attacks) {
      const answer = await send(collector, attack, undefined);
      if (leaks(answer, [CANARY]).length > 0) leaked.push(`${attack.name}:\n${answer.slice(0, 400)}`);
    }
    assert.deepEqual(
      { leaked, filesOutsideDataDir: await readdir(outside.dir), keyFileWritten: existsSync(keysFile) },
      { leaked: [], filesOutsideDataDir: [CANARY_FILE], keyFileWritten: false },
    );
  });
});
