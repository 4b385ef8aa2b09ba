import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ProjectionHost } from '@partnerships/projections';
import { PROJECTION_HOST } from './read-models.tokens';

/** Starts the projections once the app is up; stops them before the store closes. */
@Injectable()
export class ProjectionHostLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  onApplicationBootstrap(): void {
    this.host.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}
