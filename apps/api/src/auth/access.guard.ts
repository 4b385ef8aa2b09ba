import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCodes, partnerNotFound } from '@partnerships/domain';
import type { FastifyRequest } from 'fastify';
import { HttpProblemError } from '../problems/http-problem.error';
import { ACCESS_METADATA } from './access.decorator';
import { BearerAuthenticator } from './bearer.authenticator';
import './fastify-request.principal';
import { PERMISSIONS, principalMay, type Permission } from './permissions';

/**
 * The one guard: every route's `@Access(permission)` says who may call it. A route that declares
 * nothing is refused, so forgetting the decorator fails closed (and a test lists every route).
 * Runs before validation and interceptors: a refused request is never parsed further or written.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: BearerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (permission === undefined) {
      throw new HttpProblemError(403, ErrorCodes.FORBIDDEN, 'This route declares no permission, so nobody may call it');
    }
    const rule = PERMISSIONS[permission];
    if (rule.role === null) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticator.authenticate(request);
    request.principal = principal;
    if (!principalMay(principal, permission)) {
      throw principal.kind === 'partner'
        ? new HttpProblemError(403, ErrorCodes.FORBIDDEN, 'A partner key reaches only its own partner, manager contact, history and leads')
        : new HttpProblemError(403, ErrorCodes.FORBIDDEN, `A ${principal.role} may not do this: ${rule.summary.toLowerCase()}`);
    }
    if (principal.kind === 'partner' && rule.partner === 'own-id') {
      const partnerId = (request.params as Record<string, string | undefined>).id;
      // Worded as for a partner that does not exist: a partner key learns nothing of others.
      if (partnerId !== principal.partnerId) throw partnerNotFound(String(partnerId));
    }
    return true;
  }
}
