import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../command-handling/command-context';
import { TeammateCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { AddTeammateCommand } from './add-teammate.command';
import { AddTeammateDto } from './add-teammate.dto';

@ApiTags('teammates')
@Controller('v1/teammates')
export class AddTeammateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a teammate (a person of the company)' })
  @ApiCreatedResponse({ type: TeammateCommandResponse })
  add(@Body() body: AddTeammateDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(
      new AddTeammateCommand(
        { teammateId: body.teammateId ?? null, name: body.name, email: body.email, role: body.role },
        context,
      ),
    );
  }
}
