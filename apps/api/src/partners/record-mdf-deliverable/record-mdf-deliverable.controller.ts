import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { MdfParams } from '../../http/route-params.dto';
import { RecordMdfDeliverableCommand } from './record-mdf-deliverable.command';
import { RecordMdfDeliverableDto } from './record-mdf-deliverable.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class RecordMdfDeliverableController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/mdf/:mid/deliverable')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the deliverable of market development funds' })
  @ApiOkResponse({ type: PartnerCommandResponse })
  recordMdfDeliverable(
    @Param() { id, mid }: MdfParams,
    @Body() body: RecordMdfDeliverableDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(new RecordMdfDeliverableCommand(id, mid, body.description, body.url ?? null, context));
  }
}
