import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { PayOutMdfCommand } from './pay-out-mdf.command';
import { PayOutMdfDto } from './pay-out-mdf.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class PayOutMdfController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/mdf')
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Pay out market development funds (a deliverable is owed in return)' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  payOut(@Param() { id }: PartnerParams, @Body() body: PayOutMdfDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(
      new PayOutMdfCommand(
        { partnerId: id, mdfId: body.mdfId ?? null, amount: { ...body.amount }, purpose: body.purpose },
        context,
      ),
    );
  }
}
