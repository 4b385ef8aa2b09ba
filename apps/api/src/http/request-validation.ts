import { ValidationPipe, type ArgumentMetadata, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@partnerships/domain';
import type { FieldError } from '../problems/problem-details';

function flatten(errors: readonly ClassValidatorError[], prefix: string, into: FieldError[]): FieldError[] {
  for (const error of errors) {
    const path = prefix === '' ? error.property : `${prefix}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) into.push({ path, message });
    if (error.children?.length) flatten(error.children, path, into);
  }
  return into;
}

export function requestValidationError(errors: readonly FieldError[]): ValidationError {
  const summary = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
  return new ValidationError('VALIDATION_FAILED', `The request is invalid: ${summary}`, { errors });
}

/**
 * Names that class-validator's whitelist cannot see as unknown (it looks properties up in a plain
 * object, so `toString` or `constructor` resolve to Object.prototype's members) and that
 * class-transformer copies onto the DTO.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function reservedKeys(value: unknown, prefix: string, into: FieldError[]): FieldError[] {
  if (typeof value !== 'object' || value === null) return into;
  for (const [key, child] of Object.entries(value)) {
    const path = Array.isArray(value) ? `${prefix}[${key}]` : prefix === '' ? key : `${prefix}.${key}`;
    if (!Array.isArray(value) && RESERVED_KEYS.has(key)) into.push({ path, message: `property ${key} should not exist` });
    reservedKeys(child, path, into);
  }
  return into;
}

/** The whitelist of class-validator, plus the names it misses. */
class StrictValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const reserved = reservedKeys(value, '', []);
      if (reserved.length > 0) throw requestValidationError(reserved);
    }
    return super.transform(value, metadata);
  }
}

/** class-validator on every body, query and params DTO: unknown fields are refused, never stripped silently. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => requestValidationError(flatten(errors, '', [])),
  });
}
