import { createHash, randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context';

/** A UUID (version-5 layout) derived from a seed: the same seed always gives the same id. */
export function uuidFromSeed(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * An id the caller left out. Under an Idempotency-Key it is derived from the key, so that a retry
 * addresses the same partner, commission or invoice instead of creating a second one.
 */
export function generatedId(context: CommandContext, purpose: string): string {
  return context.idempotencyKey === null ? randomUUID() : uuidFromSeed(`${context.idempotencyKey}\u0000id\u0000${purpose}`);
}
