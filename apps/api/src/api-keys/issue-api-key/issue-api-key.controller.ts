import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal, teammateRoleOf } from '../../auth/current-principal.decorator';
import { ShowsSecret } from '../../http/idempotency.interceptor';
import { RequestContext } from '../../http/request-context.decorator';
import { IssuedApiKeyResponse } from '../api-key.responses';
import { IssueApiKeyCommand } from './issue-api-key.command';
import { IssueApiKeyDto } from './issue-api-key.dto';

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class IssueApiKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('manage-team')
  @ShowsSecret()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue an API key for a teammate',
    description:
      'The secret is in this answer only. An admin issues keys for teammates up to admin, an owner for anyone. ' +
      'Idempotency-Key is not honoured here: a retry issues another key (revoke the one you did not receive).',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  issue(@Body() body: IssueApiKeyDto, @CurrentPrincipal() principal: Principal, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(
      new IssueApiKeyCommand({ kind: 'teammate', teammateId: body.teammateId }, body.name, body.expiresAt ?? null, teammateRoleOf(principal), context),
    );
  }
}
