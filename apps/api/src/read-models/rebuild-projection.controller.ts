import { Controller, HttpCode, Inject, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionHost, RebuildInProgressError, UnknownProjectionError } from '@partnerships/projections';
import { HttpProblemError } from '../problems/http-problem.error';
import { PROJECTION_HOST } from './read-models.tokens';
import { Access } from '../auth/access.decorator';

@ApiTags('operations')
@Controller('v1/projections')
export class RebuildProjectionController {
  private readonly logger = new Logger('ProjectionRebuild');

  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  @Post(':name/rebuild')
  @Access('operate-projections')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Replays one projection from the start into new tables and swaps them in, while the current ones keep serving',
    description: 'Answers at once; progress shows under `rebuild` in GET /v1/projections until the swap.',
  })
  @ApiAcceptedResponse({ description: 'The rebuild started' })
  rebuild(@Param('name') name: string) {
    let running: Promise<unknown>;
    try {
      running = this.host.rebuild(name);
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new HttpProblemError(404, 'UNKNOWN_PROJECTION', error.message);
      if (error instanceof RebuildInProgressError) throw new HttpProblemError(409, 'REBUILD_IN_PROGRESS', error.message);
      throw error;
    }
    running.then(
      (result) => this.logger.log({ msg: 'projection rebuilt and swapped in', result }),
      (error: unknown) => this.logger.error({ msg: 'projection rebuild failed; the live read model was left as it was', projection: name, error: String(error) }),
    );
    return { projection: name, phase: 'building', status: '/v1/projections' };
  }
}
