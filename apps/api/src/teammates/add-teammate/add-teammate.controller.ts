import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal, teammateRoleOf } from '../../auth/current-principal.decorator';
import { generatedId, type CommandContext } from '@partnerships/event-store';
import { RunTeammateCommand } from '../shared/run-teammate-command';
import { TeammateCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { AddTeammateDto } from './add-teammate.dto';

@ApiTags('teammates')
@Controller('v1/teammates')
export class AddTeammateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('manage-team')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a teammate (a person of the company)', description: 'An admin adds teammates up to admin; only an owner adds an owner.' })
  @ApiCreatedResponse({ type: TeammateCommandResponse })
  add(@Body() body: AddTeammateDto, @CurrentPrincipal() principal: Principal, @RequestContext() context: CommandContext) {
    const data = {
      teammateId: body.teammateId ?? generatedId(context, 'teammate'),
      name: body.name,
      email: body.email,
      role: body.role,
      actorRole: teammateRoleOf(principal),
    };
    return this.commandBus.execute(new RunTeammateCommand({ type: 'AddTeammate', data, metadata: { now: context.occurredAt } }, context));
  }
}
