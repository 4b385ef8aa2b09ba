import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionPositions } from '@partnerships/projections';
import { PROJECTION_POSITIONS } from './read-models.tokens';
import { Access } from '../auth/access.decorator';

@ApiTags('operations')
@Controller('v1/projections')
export class ListProjectionsController {
  constructor(@Inject(PROJECTION_POSITIONS) private readonly projections: ProjectionPositions) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'Each projection: state (catching-up, live, failed), position, lag in events, failing event, rebuild progress' })
  async list() {
    return { items: await this.projections.statuses() };
  }
}
