import { DynamicModule, Global, Module } from '@nestjs/common';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import {
  ProjectionHost,
  READ_MODEL_PROJECTIONS,
  StoredProjectionPositions,
  type ProjectionPositions,
} from '@partnerships/projections';
import { EVENT_STORE, LOG_LAG_COUNTER, SQL_CLIENT } from '../store/store.tokens';
import { ListProjectionsController } from './list-projections.controller';
import { ProjectionHostLifecycle } from './projection-host.lifecycle';
import { PROJECTION_HOST, PROJECTION_POSITIONS } from './read-models.tokens';
import { ReadModelCache } from './read-model-cache';
import { ReadModelQueryHandler } from './read-model.query';
import { ReadYourWrites } from './read-your-writes';
import { RebuildProjectionController } from './rebuild-projection.controller';

export interface ReadModelsOptions {
  /** false: the read side is served here, but `apps/projector` runs the projections. */
  readonly run: boolean;
  /** Events per read-model transaction while catching up. */
  readonly batchSize?: number;
  /** What a rebuild folds in memory before it writes (MiB). */
  readonly rebuildMemoryMb?: number;
}

/** The read models, projected into the SQL database (the log's own, or beside EventStoreDB). */
@Global()
@Module({})
export class ReadModelsModule {
  static forRoot({ run, batchSize, rebuildMemoryMb }: ReadModelsOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      controllers: [ListProjectionsController, RebuildProjectionController],
      providers: [
        {
          provide: PROJECTION_HOST,
          useFactory: (store: EventStore, client: SqlClient, lagCounter: LogLagCounter) =>
            new ProjectionHost(READ_MODEL_PROJECTIONS, { store, readModel: client, lagCounter, batchSize, memoryBudgetMb: rebuildMemoryMb }),
          inject: [EVENT_STORE, SQL_CLIENT, LOG_LAG_COUNTER],
        },
        {
          provide: PROJECTION_POSITIONS,
          useFactory: (host: ProjectionHost, client: SqlClient, lagCounter: LogLagCounter): ProjectionPositions =>
            run ? host : new StoredProjectionPositions(client, host.names, lagCounter),
          inject: [PROJECTION_HOST, SQL_CLIENT, LOG_LAG_COUNTER],
        },
        ...(run ? [ProjectionHostLifecycle] : []),
        ReadYourWrites,
        ReadModelCache,
        ReadModelQueryHandler,
      ],
      exports: [PROJECTION_HOST, PROJECTION_POSITIONS, ReadYourWrites, ReadModelCache],
    };
  }
}
