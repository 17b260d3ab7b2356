import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

/** The repository's deploy/ folder. */
export const DEPLOY_DIR = fileURLToPath(new URL('../../../deploy/', import.meta.url));

export function deployPath(relativePath: string): string {
  return resolve(DEPLOY_DIR, relativePath);
}

export function readDeployText(relativePath: string): string {
  return readFileSync(deployPath(relativePath), 'utf8');
}

/** One YAML document, parsed strictly: a syntax error or duplicate key fails the test. */
export function readDeployYaml<T>(relativePath: string): T {
  const document = parseDocument(readDeployText(relativePath), { uniqueKeys: true, merge: true });
  if (document.errors.length > 0) throw document.errors[0];
  return document.toJS() as T;
}

/** Whether a host path a deploy file mounts exists, resolved from that file's folder. */
export function mountedPathExists(fromFile: string, hostPath: string): boolean {
  return existsSync(resolve(dirname(deployPath(fromFile)), hostPath));
}
