import { ValidationError } from './errors';
import {
  money,
  parseMoney,
  requireNonNegativeAmount,
  requirePositiveAmount,
  sameMoney,
  sameOptionalMoney,
} from './money';

function caught(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('money', () => {
  it('accepts integer minor units and an ISO 4217 code', () => {
    expect(money(12_345, 'EUR')).toEqual({ amountMinor: 12_345, currency: 'EUR' });
    expect(money(-500, 'JPY')).toEqual({ amountMinor: -500, currency: 'JPY' });
  });

  it('normalises negative zero', () => {
    expect(Object.is(money(-0, 'USD').amountMinor, 0)).toBe(true);
  });

  it.each([
    ['a fraction', 10.5],
    ['infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
  ])('refuses %s with INVALID_MONEY', (_what, amountMinor) => {
    const error = caught(() => money(amountMinor, 'USD'));
    expect(error.code).toBe('INVALID_MONEY');
    expect(error.details).toEqual({ errors: [{ field: 'money.amountMinor', message: expect.any(String) }] });
  });

  it.each(['usd', 'US', 'USDX', '', '12A'])('refuses the currency %p with INVALID_MONEY', (currency) => {
    const error = caught(() => money(100, currency));
    expect(error.code).toBe('INVALID_MONEY');
    expect(error.details).toEqual({ errors: [{ field: 'money.currency', message: expect.any(String) }] });
  });

  it('names the field of an untrusted value and drops stray properties', () => {
    expect(parseMoney({ amountMinor: 1, currency: 'USD', note: 'x' }, 'saleAmount')).toEqual({
      amountMinor: 1,
      currency: 'USD',
    });
    expect(caught(() => parseMoney({ amountMinor: '1', currency: 'USD' }, 'saleAmount')).details).toEqual({
      errors: [{ field: 'saleAmount.amountMinor', message: expect.any(String) }],
    });
    expect(caught(() => parseMoney(null, 'saleAmount')).details).toEqual({
      errors: [{ field: 'saleAmount', message: expect.any(String) }],
    });
  });

  it('compares amount and currency', () => {
    expect(sameMoney(money(1, 'USD'), money(1, 'USD'))).toBe(true);
    expect(sameMoney(money(1, 'USD'), money(2, 'USD'))).toBe(false);
    expect(sameMoney(money(1, 'USD'), money(1, 'EUR'))).toBe(false);
    expect(sameOptionalMoney(null, null)).toBe(true);
    expect(sameOptionalMoney(null, money(1, 'USD'))).toBe(false);
    expect(sameOptionalMoney(money(1, 'USD'), money(1, 'USD'))).toBe(true);
  });

  it('checks signs with INVALID_AMOUNT', () => {
    expect(requirePositiveAmount(money(1, 'USD'), 'amount')).toEqual(money(1, 'USD'));
    expect(caught(() => requirePositiveAmount(money(0, 'USD'), 'amount')).code).toBe('INVALID_AMOUNT');
    expect(requireNonNegativeAmount(money(0, 'USD'), 'amount')).toEqual(money(0, 'USD'));
    expect(caught(() => requireNonNegativeAmount(money(-1, 'USD'), 'amount')).details).toEqual({
      errors: [{ field: 'amount.amountMinor', message: 'must not be negative' }],
    });
  });
});
