import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { RequestContext } from '../../http/request-context.decorator';
import { BulkAssignManagersCommand } from './bulk-assign-managers.command';
import { BulkAssignManagersDto } from './bulk-assign-managers.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class BulkAssignManagersController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('manager-assignments')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign one manager to many partners',
    description: 'Answers a result per partner (assigned, unchanged or failed with a problem); one failure does not stop the others.',
  })
  assign(@Body() body: BulkAssignManagersDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(new BulkAssignManagersCommand(body.partnerIds, body.managerId, context));
  }
}
