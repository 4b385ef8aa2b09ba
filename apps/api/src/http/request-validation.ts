import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '@partnerships/domain';
import type { FieldError } from './problem-details';

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

/** class-validator on every body, query and params DTO: unknown fields are refused, never stripped silently. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => requestValidationError(flatten(errors, '', [])),
  });
}
