import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { deployPath, readDeployText } from './deploy-files.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function instructions(source: string): Instruction[] {
  return source
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function readRepositoryManifest(): { workspaces: string[] } {
  return JSON.parse(readFileSync(deployPath('../package.json'), 'utf8')) as { workspaces: string[] };
}

describe('deploy/Dockerfile', () => {
  const all = instructions(readDeployText('Dockerfile'));
  const stages = all.filter((instruction) => instruction.keyword === 'FROM');
  const finalStage = all.slice(all.lastIndexOf(stages[stages.length - 1] as Instruction));

  it('is multi-stage: builds in one stage, installs production dependencies in another', () => {
    assert.ok(stages.length >= 2);
    for (const stage of stages) assert.match(stage.args, / AS [a-z-]+$/);
    assert.ok(all.some((i) => i.keyword === 'RUN' && /npm run build/.test(i.args)));
    assert.ok(all.some((i) => i.keyword === 'RUN' && /npm ci .*--omit=dev/.test(i.args)));
    assert.ok(
      !finalStage.some((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args)),
      'no install in the image',
    );
  });

  it('copies every workspace manifest before installing, so `npm ci` sees the lockfile’s workspaces', () => {
    const workspaces = readRepositoryManifest().workspaces;
    const install = all.findIndex((i) => i.keyword === 'RUN' && /npm ci/.test(i.args));
    const copied = all
      .slice(0, install)
      .filter((i) => i.keyword === 'COPY')
      .map((i) => i.args);
    for (const workspace of workspaces) {
      assert.ok(copied.includes(`${workspace}/package.json ${workspace}/`), `COPY ${workspace}/package.json`);
    }
  });

  it('runs as a non-root user, exposes 4318 and checks /healthz', () => {
    const user = finalStage.filter((i) => i.keyword === 'USER').at(-1);
    assert.ok(user && !/^(root|0)(:|$)/.test(user.args), 'USER is not root');
    assert.ok(finalStage.some((i) => i.keyword === 'EXPOSE' && i.args.split(/\s+/).includes('4318')));
    const healthcheck = finalStage.find((i) => i.keyword === 'HEALTHCHECK');
    assert.match(healthcheck?.args ?? '', /--interval=\S+ .*CMD .*\/healthz/);
    assert.match(
      finalStage.find((i) => i.keyword === 'ENTRYPOINT')?.args ?? '',
      /collector\/bin\/ragtrace\.cjs/,
    );
  });

  it('listens beyond loopback inside the container', () => {
    assert.ok(finalStage.some((i) => i.keyword === 'ENV' && /RAGTRACE_HOST=0\.0\.0\.0/.test(i.args)));
  });
});
