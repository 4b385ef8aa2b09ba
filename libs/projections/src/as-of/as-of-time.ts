import { ErrorCodes, ValidationError } from '@partnerships/domain';

/** Which clock an as-of question is asked on: store time (`recordedAt`) or business time (`occurredAt`). */
export const AS_OF_BASES = ['recorded', 'occurred'] as const;
export type AsOfBasis = (typeof AS_OF_BASES)[number];

export const AS_OF_FORMAT_HINT =
  'must be an ISO 8601 instant with Z or an offset (2026-03-31T12:00:00Z, 2026-03-31T14:00:00+02:00) ' +
  'or a date (2026-03-31, meaning up to the end of that day, UTC)';

/** A moment that is neither an ISO 8601 instant nor a plain date; `field` names where it came from. */
export class InvalidAsOfError extends ValidationError {
  constructor(
    readonly value: string,
    readonly field = 'asOf',
  ) {
    super(ErrorCodes.VALIDATION_FAILED, `${field}: ${AS_OF_FORMAT_HINT}`, { errors: [{ field, message: AS_OF_FORMAT_HINT }] });
  }
}

export class InvalidAsOfBasisError extends ValidationError {
  constructor(
    readonly value: string,
    readonly field = 'by',
  ) {
    const message = `must be one of ${AS_OF_BASES.join(', ')}`;
    super(ErrorCodes.VALIDATION_FAILED, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; 2000 is a leap year, 2001 is not.
  return new Date(Date.UTC(isLeap(year) ? 2000 : 2001, month, 0)).getUTCDate();
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The moment an as-of question names, as epoch milliseconds. A plain date means the end of that
 * day in UTC (23:59:59.999Z), so that "as of 2026-03-31" includes what happened on the 31st.
 * Fractions finer than a millisecond are cut (the store keeps milliseconds). Calendar-invalid
 * values (February 30th, 24:00) are refused rather than rolled over as `Date.parse` does.
 */
export function parseAsOf(text: string, field = 'asOf'): number {
  const date = DATE.exec(text);
  if (date !== null) {
    const [year, month, day] = date.slice(1, 4).map(Number);
    if (!validDay(year, month, day)) throw new InvalidAsOfError(text, field);
    return utc(year, month, day, 23, 59, 59, 999);
  }
  const instant = INSTANT.exec(text);
  if (instant === null) throw new InvalidAsOfError(text, field);
  const [year, month, day, hour, minute] = instant.slice(1, 6).map(Number);
  const second = Number(instant[6] ?? '0');
  const ms = Number((instant[7] ?? '').padEnd(3, '0').slice(0, 3));
  const sign = instant[9] === '-' ? -1 : 1;
  const offsetHours = Number(instant[10] ?? '0');
  const offsetMinutes = Number(instant[11] ?? '0');
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    throw new InvalidAsOfError(text, field);
  }
  return utc(year, month, day, hour, minute, second, ms) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

export function isAsOf(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseAsOf(value);
    return true;
  } catch {
    return false;
  }
}

export function parseAsOfBasis(text: string, field = 'by'): AsOfBasis {
  if (!(AS_OF_BASES as readonly string[]).includes(text)) throw new InvalidAsOfBasisError(text, field);
  return text as AsOfBasis;
}
