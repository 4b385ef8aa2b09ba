import { ErrorCodes, ValidationError } from './errors';

/** An amount in integer minor units (cents) of an ISO 4217 currency: never a float. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/**
 * Checks an untrusted value and returns a clean copy, so that stray properties never reach
 * an event. `field` names the value in the error (e.g. `saleAmount`).
 */
export function parseMoney(value: unknown, field = 'money'): Money {
  if (typeof value !== 'object' || value === null) {
    throw ValidationError.forField(field, 'must be an object { amountMinor, currency }', ErrorCodes.INVALID_MONEY);
  }
  const { amountMinor, currency } = value as Record<string, unknown>;
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) {
    throw ValidationError.forField(
      `${field}.amountMinor`,
      'must be a safe integer number of minor units',
      ErrorCodes.INVALID_MONEY,
    );
  }
  if (typeof currency !== 'string' || !CURRENCY_PATTERN.test(currency)) {
    throw ValidationError.forField(
      `${field}.currency`,
      'must be a three-letter uppercase ISO 4217 code',
      ErrorCodes.INVALID_MONEY,
    );
  }
  // Normalises -0 so that equal amounts compare and serialise equally.
  return { amountMinor: amountMinor === 0 ? 0 : amountMinor, currency };
}

export function money(amountMinor: number, currency: string): Money {
  return parseMoney({ amountMinor, currency });
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amountMinor === b.amountMinor && a.currency === b.currency;
}

/** Null-tolerant equality for optional amounts (e.g. a lead's estimated value). */
export function sameOptionalMoney(a: Money | null, b: Money | null): boolean {
  return a === null || b === null ? a === b : sameMoney(a, b);
}

/** For amounts that must be strictly positive (commissions, invoices, MDF). */
export function requirePositiveAmount(amount: Money, field: string): Money {
  if (amount.amountMinor <= 0) {
    throw ValidationError.forField(`${field}.amountMinor`, 'must be greater than 0', ErrorCodes.INVALID_AMOUNT);
  }
  return amount;
}

/** For amounts that may be zero but never negative (a sale, an estimated value). */
export function requireNonNegativeAmount(amount: Money, field: string): Money {
  if (amount.amountMinor < 0) {
    throw ValidationError.forField(`${field}.amountMinor`, 'must not be negative', ErrorCodes.INVALID_AMOUNT);
  }
  return amount;
}
