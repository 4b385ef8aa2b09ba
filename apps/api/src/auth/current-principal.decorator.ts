import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@partnerships/access';
import { ForbiddenError, type TeammateRole } from '@partnerships/domain';
import type { FastifyRequest } from 'fastify';
import './fastify-request.principal';

/** The authenticated caller; only on routes whose permission needs credentials. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new Error('no principal: the route must declare a permission that needs credentials');
  return request.principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal =>
  principalOf(context.switchToHttp().getRequest<FastifyRequest>()),
);

/** The caller's role, for rules about roles; a partner key has none (the route refuses it first). */
export function teammateRoleOf(principal: Principal): TeammateRole {
  if (principal.kind !== 'teammate') throw new ForbiddenError('A partner key may not do this');
  return principal.role;
}
