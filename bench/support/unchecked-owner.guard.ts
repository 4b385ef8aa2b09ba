import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import '../../apps/api/src/auth/fastify-request.principal';

/**
 * The "authentication off" side of bench:commands: every request acts as the owner without
 * presenting anything, so the difference to the real access guard is what authentication costs.
 * Never wired into the product.
 */
@Injectable()
export class UncheckedOwnerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    context.switchToHttp().getRequest<FastifyRequest>().principal = { kind: 'teammate', teammateId: 'owner', role: 'owner', keyId: null };
    return true;
  }
}
