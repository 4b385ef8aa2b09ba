import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal, teammateRoleOf } from '../../auth/current-principal.decorator';
import { ShowsSecret } from '../../http/idempotency.interceptor';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { IssuedApiKeyResponse } from '../api-key.responses';
import { IssueApiKeyCommand } from '../issue-api-key/issue-api-key.command';
import { ApiKeyBaseDto } from '../issue-api-key/issue-api-key.dto';

@ApiTags('api-keys')
@Controller('v1/partners')
export class IssuePartnerApiKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/api-keys')
  @Access('operate')
  @ShowsSecret()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a partner key',
    description:
      'The key reaches only this partner: its row, manager contact, history, and referring leads. The secret is in this answer only.',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  issue(
    @Param() { id }: PartnerParams,
    @Body() body: ApiKeyBaseDto,
    @CurrentPrincipal() principal: Principal,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new IssueApiKeyCommand({ kind: 'partner', partnerId: id }, body.name, body.expiresAt ?? null, teammateRoleOf(principal), context),
    );
  }
}
