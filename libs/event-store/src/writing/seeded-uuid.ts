import { createHash } from 'node:crypto';

/**
 * A UUID (version-5 layout) derived from a text: the same text always gives the same id. The one
 * way deterministic ids are made (idempotent retries, seeded programs, benchmarks).
 */
export function uuidFromSeed(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
