import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { SelectPartnerDto } from './select-partner.dto';
import { Access } from '../../auth/access.decorator';
import { generatedId } from '@partnerships/event-store';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class SelectPartnerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Select a partner into the program (creates the partner)' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  select(@Body() body: SelectPartnerDto, @RequestContext() context: CommandContext) {
    const data = {
      partnerId: body.partnerId ?? generatedId(context, 'partner'),
      name: body.name,
      contactName: body.contactName ?? null,
      contactEmail: body.contactEmail,
      type: body.type,
      tier: body.tier ?? null,
      reason: body.reason ?? null,
    };
    return this.commandBus.execute(new RunPartnershipCommand({ type: 'SelectPartner', data, metadata: { now: context.occurredAt } }, context));
  }
}
