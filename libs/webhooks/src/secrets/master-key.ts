import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key that encrypts endpoint secrets: WEBHOOKS_SECRET_KEY (32 bytes in base64; required for
 * several processes on one database, which must share it), else a key file created on first use
 * beside the embedded store (mode 0600). Back it up apart from the database.
 */
export function loadWebhookMasterKey(options: { readonly configured: string | null; readonly keyFile: string }): Buffer {
  if (options.configured !== null) return decodeMasterKey(options.configured, 'WEBHOOKS_SECRET_KEY');
  try {
    return decodeMasterKey(readFileSync(options.keyFile, 'utf8').trim(), options.keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  mkdirSync(dirname(options.keyFile), { recursive: true });
  // 'wx': two processes starting together cannot both write a key; the loser reads the winner's.
  try {
    writeFileSync(options.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeMasterKey(readFileSync(options.keyFile, 'utf8').trim(), options.keyFile);
  }
}

export function decodeMasterKey(value: string, source: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value) {
    throw new Error(`${source} must hold 32 bytes in base64 (e.g. from \`openssl rand -base64 32\`)`);
  }
  return key;
}
