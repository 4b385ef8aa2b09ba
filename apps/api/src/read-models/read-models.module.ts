import { DynamicModule, Global, Module } from '@nestjs/common';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import {
  ProjectionHost,
  READ_MODEL_PROJECTIONS,
  sqlLogLagCounter,
  StoredProjectionPositions,
  type ProjectionPositions,
} from '@partnerships/projections';
import { EVENT_STORE, SQL_CLIENT } from '../store/store.tokens';
import { ListProjectionsController } from './list-projections.controller';
import { PartnerReadModelReader } from './partner-read-model.reader';
import { ProjectionHostLifecycle } from './projection-host.lifecycle';
import { PROJECTION_HOST, PROJECTION_POSITIONS } from './read-models.tokens';
import { ReadYourWrites } from './read-your-writes';
import { RebuildProjectionController } from './rebuild-projection.controller';

export interface ReadModelsOptions {
  /** false: the read side is served here, but `apps/projector` runs the projections. */
  readonly run: boolean;
  /** Events per read-model transaction while catching up. */
  readonly batchSize?: number;
}

/** The read models, projected into the same database as the event log. */
@Global()
@Module({})
export class ReadModelsModule {
  static forRoot({ run, batchSize }: ReadModelsOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      controllers: [ListProjectionsController, RebuildProjectionController],
      providers: [
        {
          provide: PROJECTION_HOST,
          useFactory: (store: EventStore, client: SqlClient) =>
            new ProjectionHost(READ_MODEL_PROJECTIONS, { store, readModel: client, lagCounter: sqlLogLagCounter(client), batchSize }),
          inject: [EVENT_STORE, SQL_CLIENT],
        },
        {
          provide: PROJECTION_POSITIONS,
          useFactory: (host: ProjectionHost, client: SqlClient): ProjectionPositions =>
            run ? host : new StoredProjectionPositions(client, host.names, sqlLogLagCounter(client)),
          inject: [PROJECTION_HOST, SQL_CLIENT],
        },
        ...(run ? [ProjectionHostLifecycle] : []),
        ReadYourWrites,
        PartnerReadModelReader,
      ],
      exports: [PROJECTION_HOST, PROJECTION_POSITIONS, ReadYourWrites, PartnerReadModelReader],
    };
  }
}
