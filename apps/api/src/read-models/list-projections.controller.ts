import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionHost } from '@partnerships/projections';
import { PROJECTION_HOST } from './read-models.tokens';

@ApiTags('operations')
@Controller('v1/projections')
export class ListProjectionsController {
  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  @Get()
  @ApiOperation({ summary: 'Each projection: state (catching-up, live, failed), position, lag in events, failing event' })
  async list() {
    return { items: await this.host.statuses() };
  }
}
