import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits, ID_MESSAGE, ID_REGEX } from '../../http/field-limits';
import { RequestContext } from '../../http/request-context.decorator';
import { ApiKeyCommandResponse } from '../api-key.responses';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

export class ApiKeyParams {
  @ApiProperty({ example: 'q7d2kx4mv3ab5c6e' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly keyId!: string;
}

export class RevokeApiKeyDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'Laptop lost' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly reason?: string;
}

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class RevokeApiKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':keyId')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'Refused from the next request on (on other API replicas within 2 s). A teammate revokes partner keys; a teammate key is revoked by ' +
      'its own teammate or by an admin up to admin (owners by an owner). Revoking again writes nothing.',
  })
  @ApiOkResponse({ type: ApiKeyCommandResponse })
  revoke(
    @Param() { keyId }: ApiKeyParams,
    @Body() body: RevokeApiKeyDto | undefined,
    @CurrentPrincipal() principal: Principal,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(new RevokeApiKeyCommand(keyId, body?.reason ?? null, principal, context));
  }
}
