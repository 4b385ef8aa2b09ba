import { ValidationError } from '@partnerships/domain';
import { InvalidAsOfBasisError, InvalidAsOfError, parseAsOf, parseAsOfBasis } from './as-of-time';

const iso = (text: string) => new Date(parseAsOf(text)).toISOString();

describe('parseAsOf', () => {
  it.each([
    ['2026-03-31T12:00:00Z', '2026-03-31T12:00:00.000Z'],
    ['2026-03-31T12:00Z', '2026-03-31T12:00:00.000Z'],
    ['2026-03-31T12:00:00.123Z', '2026-03-31T12:00:00.123Z'],
    ['2026-03-31T12:00:00.1239Z', '2026-03-31T12:00:00.123Z'],
    ['2026-03-31T14:00:00+02:00', '2026-03-31T12:00:00.000Z'],
    ['2026-03-31T07:30:00-0430', '2026-03-31T12:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads the instant %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads a plain date as the end of that day, UTC, so that the day itself is included', () => {
    expect(iso('2026-03-31')).toBe('2026-03-31T23:59:59.999Z');
  });

  it.each([
    'yesterday',
    '',
    '2026-03-31T12:00:00', // no zone: ambiguous
    '2026-03-31 12:00:00Z',
    '2026-02-30',
    '2025-02-29T00:00:00Z',
    '2026-03-31T24:00:00Z',
    '2026-13-01',
    '2026-03-31T12:60:00Z',
    '2026-03-31T12:00:00+25:00',
    '1774958400000',
  ])('refuses %j with a typed validation error naming the field', (text) => {
    let thrown: unknown;
    try {
      parseAsOf(text, '--as-of');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidAsOfError);
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as InvalidAsOfError).details).toEqual({ errors: [{ field: '--as-of', message: expect.stringContaining('ISO 8601') }] });
  });
});

describe('parseAsOfBasis', () => {
  it('accepts the two clocks and refuses anything else', () => {
    expect(parseAsOfBasis('recorded')).toBe('recorded');
    expect(parseAsOfBasis('occurred')).toBe('occurred');
    expect(() => parseAsOfBasis('Recorded')).toThrow(InvalidAsOfBasisError);
  });
});
