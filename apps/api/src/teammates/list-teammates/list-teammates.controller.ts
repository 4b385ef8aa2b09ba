import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import type { TeammateRole } from '@partnerships/domain';
import { listTeammates } from '@partnerships/projections';
import { ReadModelQuery } from '../../read-models/read-model.query';

export interface TeammateEntry {
  readonly teammateId: string;
  readonly name: string;
  readonly email: string;
  readonly role: TeammateRole;
  readonly status: 'active' | 'removed';
}

@ApiTags('teammates')
@Controller('v1/teammates')
export class ListTeammatesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'List the teammates, sorted by id' })
  list(@Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, async (sql) => ({ items: (await listTeammates(sql)) as TeammateEntry[] })));
  }
}
