import { requireMatch } from '../shared/field-validation';

/** Tiers are program-defined names (gold, tier-2, …), so only their shape is checked. */
export const TIER_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export const DEFAULT_TIER = 'standard';

export function requireTier(value: unknown, field = 'tier'): string {
  return requireMatch(field, value, TIER_PATTERN, '1 to 32 characters of A-Z, a-z, 0-9, _ or -');
}
