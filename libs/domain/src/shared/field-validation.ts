import { ValidationError } from './errors';
import { isValidId } from './ids';

/**
 * Checks for command fields. The HTTP edge validates too; these keep the domain safe for every
 * other caller (CLI, imports, seeds) and normalise optional values to `null` so that events
 * always carry every field and replays compare equal.
 */

export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 2000;
const MAX_EMAIL_LENGTH = 320;
const MAX_URL_LENGTH = 2048;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^https?:\/\/\S+$/;
const ISO_DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

export function requireId(field: string, value: unknown): string {
  if (!isValidId(value)) {
    throw ValidationError.forField(field, 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -');
  }
  return value;
}

export function requireText(field: string, value: unknown, maxLength = MAX_NAME_LENGTH): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw ValidationError.forField(field, `must be a non-blank string of at most ${maxLength} characters`);
  }
  return value;
}

/** Absent, null and blank all mean "not given". */
export function optionalText(field: string, value: unknown, maxLength = MAX_TEXT_LENGTH): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return null;
  }
  return requireText(field, value, maxLength);
}

export function requireEmail(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(value)) {
    throw ValidationError.forField(field, 'must be an email address');
  }
  return value;
}

export function optionalEmail(field: string, value: unknown): string | null {
  return value === undefined || value === null || value === '' ? null : requireEmail(field, value);
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw ValidationError.forField(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requireMatch(field: string, value: unknown, pattern: RegExp, description: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw ValidationError.forField(field, `must be ${description}`);
  }
  return value;
}

/** An ISO 8601 date or date-time whose calendar date exists (no 31 February). */
export function optionalIsoDate(field: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const match = typeof value === 'string' ? ISO_DATE_PATTERN.exec(value) : null;
  if (match === null || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw ValidationError.forField(field, 'must be an ISO 8601 date or date-time');
  }
  return value as string;
}

export function optionalUrl(field: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !URL_PATTERN.test(value)) {
    throw ValidationError.forField(field, 'must be an http(s) URL');
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= days;
}
