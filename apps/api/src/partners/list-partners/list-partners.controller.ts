import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListPartnersQuery } from './list-partners.query';
import { ListPartnersQueryParams } from './list-partners.query-params';
import { Access } from '../../auth/access.decorator';
import { JSON_ANSWER } from '../../read-models/read-model-cache';

@ApiTags('partners')
@Controller('v1/partners')
export class ListPartnersController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access('read')
  @Header(...JSON_ANSWER)
  @ApiOperation({
    summary: 'The All Partners view: filter, sort, page with nextCursor',
    description: 'Money maps are currency → integer minor units; currencies with a zero total are left out.',
  })
  list(@Query() { minPosition, ...options }: ListPartnersQueryParams) {
    return this.queryBus.execute(new ListPartnersQuery(options, minPosition));
  }
}
