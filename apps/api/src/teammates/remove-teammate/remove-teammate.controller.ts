import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal, teammateRoleOf } from '../../auth/current-principal.decorator';
import { TeammateCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { TeammateParams } from '../../http/route-params.dto';
import { RunTeammateCommand } from '../shared/run-teammate-command';
import { RemoveTeammateDto } from './remove-teammate.dto';

@ApiTags('teammates')
@Controller('v1/teammates')
export class RemoveTeammateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @Access('manage-team')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Remove a teammate who left',
    description:
      'Their keys stop working at once (other API replicas within 2 s) and they can no longer be assigned; history keeps their name, ' +
      'and partners they manage keep them until reassigned. Removing again writes nothing.',
  })
  @ApiOkResponse({ type: TeammateCommandResponse })
  remove(
    @Param() { id }: TeammateParams,
    @Body() body: RemoveTeammateDto | undefined,
    @CurrentPrincipal() principal: Principal,
    @RequestContext() context: CommandContext,
  ) {
    const data = { teammateId: id, reason: body?.reason ?? null, actorRole: teammateRoleOf(principal) };
    return this.commandBus.execute(new RunTeammateCommand({ type: 'RemoveTeammate', data, metadata: { now: context.occurredAt } }, context));
  }
}
