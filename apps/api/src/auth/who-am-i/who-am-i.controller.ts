import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import { Access } from '../access.decorator';
import { CurrentPrincipal } from '../current-principal.decorator';
import { PERMISSIONS, principalMay, type Permission } from '../permissions';

/** The caller, and what each permission of the table lets it do: the console offers only those. */
export type WhoAmI = Principal & { readonly may: Readonly<Record<Permission, boolean>> };

@ApiTags('auth')
@Controller('v1/me')
export class WhoAmIController {
  @Get()
  @Access('whoami')
  @ApiOperation({
    summary: 'Who the credentials belong to, and which permissions of the table they grant',
    description: 'A partner key may call the routes marked `read-partner` and `refer-lead` for its own partner only.',
  })
  whoAmI(@CurrentPrincipal() principal: Principal): WhoAmI {
    const may = Object.fromEntries(
      (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [permission, principalMay(principal, permission)]),
    ) as Record<Permission, boolean>;
    return { ...principal, may };
  }
}
