import { execFile } from 'node:child_process';
import { readEnvironment } from '../setup/environment-variables.js';

/** Set by CI systems (Jenkins, GitHub Actions, GitLab) and by deploy tooling, in that spirit. */
const COMMIT_VARIABLES = ['GIT_COMMIT', 'GITHUB_SHA', 'CI_COMMIT_SHA'];
const GIT_TIMEOUT_MS = 2000;
const FULL_COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

let cached: Promise<string> | undefined;

/**
 * The commit the process runs from, '' when unknown: a CI variable, else `git rev-parse HEAD`
 * in the working directory, asked once per process. Never rejects: no git, no repository or a
 * slow disk just mean no commit is recorded.
 */
export function gitCommit(): Promise<string> {
  return (cached ??= readGitCommit());
}

function readGitCommit(): Promise<string> {
  for (const variable of COMMIT_VARIABLES) {
    const value = readEnvironment(variable);
    if (value !== undefined) return Promise.resolve(value);
  }
  return new Promise((resolve) => {
    try {
      execFile(
        'git',
        ['rev-parse', 'HEAD'],
        { timeout: GIT_TIMEOUT_MS, windowsHide: true },
        (error, stdout) => {
          const commit = stdout.trim();
          resolve(error === null && FULL_COMMIT_ID.test(commit) ? commit : '');
        },
      );
    } catch {
      resolve('');
    }
  });
}
