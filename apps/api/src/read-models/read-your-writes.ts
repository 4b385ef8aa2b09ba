import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionHost } from '@partnerships/projections';
import { HttpProblemError } from '../http/http-problem.error';
import { PROJECTION_HOST } from './read-models.tokens';

/** How long a query with `?minPosition=` waits for the projections before answering 503. */
export const MIN_POSITION_WAIT_MS = 5000;

/** `?minPosition=<position from a command's answer>`: answer only once the read models include it. */
@Injectable()
export class ReadYourWrites {
  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  async await(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (await this.host.waitFor(minPosition, MIN_POSITION_WAIT_MS)) return;
    const positions = this.host.runners.map((runner) => `${runner.name} at ${runner.appliedPosition ?? 'start'}`).join(', ');
    throw new HttpProblemError(
      503,
      'PROJECTIONS_BEHIND',
      `The read models have not reached position ${minPosition} within ${MIN_POSITION_WAIT_MS} ms (${positions}); retry shortly`,
    );
  }
}
