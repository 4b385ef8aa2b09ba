import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { MdfParams } from '../../http/route-params.dto';
import { RecordMdfDeliverableDto } from './record-mdf-deliverable.dto';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

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
    return this.commandBus.execute(
      new RunPartnershipCommand(
        {
          type: 'RecordMdfDeliverable',
          data: { partnerId: id, mdfId: mid, description: body.description, url: body.url ?? null },
          metadata: { now: context.occurredAt },
        },
        context,
      ),
    );
  }
}
