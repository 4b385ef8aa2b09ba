import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionPositions } from '@partnerships/projections';
import { HttpProblemError } from '../problems/http-problem.error';
import { PROJECTION_POSITIONS } from './read-models.tokens';

/** How long a query with `?minPosition=` waits for the projections before answering 503. */
export const MIN_POSITION_WAIT_MS = 5000;

/** `?minPosition=<position from a command's answer>`: answer only once the read models include it. */
@Injectable()
export class ReadYourWrites {
  constructor(@Inject(PROJECTION_POSITIONS) private readonly projections: ProjectionPositions) {}

  async await(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (await this.projections.waitFor(minPosition, MIN_POSITION_WAIT_MS)) return;
    const statuses = await this.projections.statuses();
    const positions = statuses.map((status) => `${status.name} at ${status.position ?? 'start'}`).join(', ');
    throw new HttpProblemError(
      503,
      'PROJECTIONS_BEHIND',
      `The read models have not reached position ${minPosition} within ${MIN_POSITION_WAIT_MS} ms (${positions}); retry shortly`,
    );
  }
}
