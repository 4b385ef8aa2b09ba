import { generateApiKeySecret, hashApiKeySecret, isAcceptableSecret, keyIdOf, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('carry a recognisable prefix, their key id and 256 random bits', () => {
    const { keyId, secret } = generateApiKeySecret();
    expect(secret).toMatch(/^plk_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.split('_').slice(2).join('_'), 'base64url')).toHaveLength(32);
    expect(keyIdOf(secret)).toBe(keyId);
  });

  it('never repeat', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => generateApiKeySecret().secret));
    const ids = new Set([...secrets].map(keyIdOf));
    expect(secrets.size).toBe(1000);
    expect(ids.size).toBe(1000);
  });

  it('match only the secret they were hashed from', () => {
    const { secret } = generateApiKeySecret();
    const stored = hashApiKeySecret(secret);
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, stored)).toBe(false);
    expect(secretMatches(secret, Buffer.alloc(0))).toBe(false);
  });

  it('give an operator-chosen secret a stable key id of its own', () => {
    const chosen = 'correct-horse-battery-staple-2026';
    expect(isAcceptableSecret(chosen)).toBe(true);
    expect(keyIdOf(chosen)).toMatch(/^x[0-9a-f]{15}$/);
    expect(keyIdOf(chosen)).toBe(keyIdOf(chosen));
    expect(keyIdOf(`${chosen}!`)).not.toBe(keyIdOf(chosen));
  });

  it.each([
    ['too short', 'short-secret'],
    ['with a space', 'this secret has spaces in it!!'],
    ['empty', ''],
  ])('refuses a secret that is %s', (_label, secret) => {
    expect(isAcceptableSecret(secret)).toBe(false);
    expect(keyIdOf(secret)).toBeNull();
  });
});
