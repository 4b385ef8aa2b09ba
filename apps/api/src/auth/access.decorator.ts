import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PERMISSIONS, type Permission } from './permissions';

export const ACCESS_METADATA = 'partnerships:access';

/**
 * The permission a route needs, from the one table in permissions.ts. Read by the access guard,
 * and written into the OpenAPI document (`x-required-role`, the bearer scheme).
 */
export function Access(permission: Permission) {
  const rule = PERMISSIONS[permission];
  if (rule.role === null) {
    return applyDecorators(SetMetadata(ACCESS_METADATA, permission), ApiExtension('x-required-role', 'public'));
  }
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, permission),
    ApiBearerAuth(),
    ApiExtension('x-required-role', rule.role),
    ApiExtension('x-partner-key', rule.partner === false ? 'refused' : rule.partner === 'self' ? 'allowed' : 'own partner only'),
    ApiUnauthorizedResponse({ description: 'Missing, malformed, unknown, expired or revoked credentials (UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `${rule.summary}; a lower role is refused (FORBIDDEN)` }),
    ApiTooManyRequestsResponse({ description: 'Too many failed authentications from this address; see Retry-After' }),
  );
}
