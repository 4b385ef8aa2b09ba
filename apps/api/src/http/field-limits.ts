/** Upper bounds on free text, so that no request can store unbounded strings. */
export const FieldLimits = {
  name: 200,
  email: 254,
  text: 2000,
  url: 2048,
  id: 64,
} as const;

export const ID_REGEX = /^[A-Za-z0-9_-]{1,64}$/;
export const TIER_REGEX = /^[A-Za-z0-9_-]{1,32}$/;
export const ID_MESSAGE = '$property must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -';
export const TIER_MESSAGE = '$property must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -';
