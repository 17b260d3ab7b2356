import { isIP } from 'node:net';

/** RAGTRACE_AUTH's values. */
export const AUTH_MODES = ['required', 'off'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/**
 * Auth is required unless configured otherwise whenever the collector can be reached from
 * another machine; on loopback only local processes can reach it, so `npm start` followed by
 * `npx ragtrace demo` works without a key.
 */
export function defaultAuthMode(host: string): AuthMode {
  return isLoopbackHost(host) ? 'off' : 'required';
}

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}
