import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal, teammateRoleOf } from '../../auth/current-principal.decorator';
import type { CommandContext } from '@partnerships/event-store';
import { TeammateCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { AddTeammateCommand } from './add-teammate.command';
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
    return this.commandBus.execute(
      new AddTeammateCommand(
        { teammateId: body.teammateId ?? null, name: body.name, email: body.email, role: body.role },
        teammateRoleOf(principal),
        context,
      ),
    );
  }
}
