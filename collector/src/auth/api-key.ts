import { createHash, randomBytes } from 'node:crypto';

/** Marks a string as a ragtrace key, so secret scanners and people can recognise one. */
const KEY_PREFIX = 'rtk_';

/** 32 random bytes: 256 bits that no one guesses or brute-forces. */
const KEY_BYTES = 32;

/**
 * A new API key. It is shown once; only {@link hashApiKey} of it is stored.
 */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/**
 * SHA-256 of the key, hex. A slow hash (scrypt, bcrypt) protects low-entropy passwords against
 * offline guessing; a key of 256 random bits cannot be guessed from its hash at any hashing
 * speed, so a fast hash loses nothing and keeps the lookup on every request cheap.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A short public id for `keys list` and `keys revoke`, unrelated to the secret. */
export function newKeyId(): string {
  return 'key_' + randomBytes(6).toString('hex');
}
