import {
  ConcurrencyError,
  ConflictError,
  DomainError,
  ErrorCodes,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  RuleViolationError,
  ValidationError,
} from './errors';

describe('domain errors', () => {
  it.each([
    [ValidationError, 'validation'],
    [NotFoundError, 'not_found'],
    [ConflictError, 'conflict'],
    [RuleViolationError, 'rule'],
  ] as const)('%p carries its kind, code, name and details', (ErrorClass, kind) => {
    const error = new ErrorClass(ErrorCodes.PARTNER_NOT_FOUND, 'message', { partnerId: 'p1' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.code).toBe('PARTNER_NOT_FOUND');
    expect(error.message).toBe('message');
    expect(error.details).toEqual({ partnerId: 'p1' });
  });

  it('refuses a role that is too low with FORBIDDEN', () => {
    const error = new ForbiddenError('A viewer may not manage teammates', { actorRole: 'viewer' });
    expect(error).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN', name: 'ForbiddenError', details: { actorRole: 'viewer' } });
  });

  it('describes a field error in the shape the HTTP edge maps to errors[]', () => {
    const error = ValidationError.forField('saleAmount.currency', 'must be ISO 4217', ErrorCodes.INVALID_MONEY);
    expect(error.code).toBe('INVALID_MONEY');
    expect(error.message).toBe('saleAmount.currency: must be ISO 4217');
    expect(error.details).toEqual({ errors: [{ field: 'saleAmount.currency', message: 'must be ISO 4217' }] });
    expect(ValidationError.forField('name', 'x').code).toBe('VALIDATION_FAILED');
  });

  it('reports a version conflict with the stream and both versions', () => {
    const error = new ConcurrencyError('partnership-p1', 3, 4);
    expect(error).toMatchObject({ kind: 'concurrency', code: 'VERSION_CONFLICT', name: 'ConcurrencyError' });
    expect(error.details).toEqual({ streamId: 'partnership-p1', expected: 3, actual: 4 });
    expect(new ConcurrencyError('partnership-p1', 'no_stream', null).details).toEqual({
      streamId: 'partnership-p1',
      expected: 'no_stream',
      actual: null,
    });
  });

  it('reports a failed If-Match precondition', () => {
    const error = new PreconditionFailedError('partnership-p1', 2, 5);
    expect(error).toMatchObject({ kind: 'precondition', code: 'PRECONDITION_FAILED', name: 'PreconditionFailedError' });
    expect(error.details).toEqual({ streamId: 'partnership-p1', expected: 2, actual: 5 });
  });

  it('lists every code exactly once, named after itself', () => {
    for (const [name, code] of Object.entries(ErrorCodes)) {
      expect(code).toBe(name);
    }
  });
});
