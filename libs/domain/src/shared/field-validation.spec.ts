import { ValidationError } from './errors';
import {
  optionalEmail,
  optionalIsoDate,
  optionalText,
  optionalUrl,
  requireEmail,
  requireId,
  requireMatch,
  requireOneOf,
  requireText,
} from './field-validation';

const refuses = (action: () => unknown, field: string) =>
  expect(action).toThrow(
    expect.objectContaining({
      constructor: ValidationError,
      details: { errors: [expect.objectContaining({ field })] },
    }),
  );

describe('field validation', () => {
  it('checks ids', () => {
    expect(requireId('id', 'abc-1')).toBe('abc-1');
    refuses(() => requireId('id', 'a b'), 'id');
    refuses(() => requireId('id', 42), 'id');
  });

  it('checks required text for blanks and length', () => {
    expect(requireText('name', ' Acme ')).toBe(' Acme ');
    refuses(() => requireText('name', '  '), 'name');
    refuses(() => requireText('name', 'x'.repeat(201)), 'name');
    refuses(() => requireText('name', undefined), 'name');
  });

  it('turns absent, null and blank optional text into null', () => {
    expect(optionalText('notes', undefined)).toBeNull();
    expect(optionalText('notes', null)).toBeNull();
    expect(optionalText('notes', '   ')).toBeNull();
    expect(optionalText('notes', 'ok')).toBe('ok');
    refuses(() => optionalText('notes', 7), 'notes');
  });

  it('checks email addresses', () => {
    expect(requireEmail('email', 'a@b.co')).toBe('a@b.co');
    refuses(() => requireEmail('email', 'a@b'), 'email');
    refuses(() => requireEmail('email', 'a b@c.de'), 'email');
    expect(optionalEmail('email', undefined)).toBeNull();
    expect(optionalEmail('email', '')).toBeNull();
  });

  it('checks enumerations and patterns', () => {
    expect(requireOneOf('type', 'b', ['a', 'b'])).toBe('b');
    refuses(() => requireOneOf('type', 'c', ['a', 'b']), 'type');
    expect(requireMatch('tier', 'gold', /^[a-z]+$/, 'lowercase')).toBe('gold');
    refuses(() => requireMatch('tier', 'Gold', /^[a-z]+$/, 'lowercase'), 'tier');
  });

  it.each(['2026-02-28', '2024-02-29', '2026-04-01T10:00Z', '2026-04-01T10:00:00.123+05:30'])(
    'accepts the ISO 8601 date %p',
    (value) => {
      expect(optionalIsoDate('dueAt', value)).toBe(value);
    },
  );

  it.each(['2026-02-29', '2026-13-01', '2026-04-00', '2026-04-01T10:00', '2026-04-01 10:00Z', '1 April'])(
    'refuses the date %p',
    (value) => {
      refuses(() => optionalIsoDate('dueAt', value), 'dueAt');
    },
  );

  it('checks links', () => {
    expect(optionalUrl('url', 'https://a.test/x?y=1')).toBe('https://a.test/x?y=1');
    expect(optionalUrl('url', null)).toBeNull();
    refuses(() => optionalUrl('url', 'javascript:alert(1)'), 'url');
    refuses(() => optionalUrl('url', 'https://a.test/has space'), 'url');
  });
});
