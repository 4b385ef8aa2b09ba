import { DynamicModule, Global, Module } from '@nestjs/common';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import {
  ProjectionHost,
  allPartnersProjection,
  clearanceProjection,
  managerContactProjection,
  managerPerformanceProjection,
  sqlLogLagCounter,
} from '@partnerships/projections';
import { EVENT_STORE, SQL_CLIENT } from '../store/store.tokens';
import { ListProjectionsController } from './list-projections.controller';
import { PartnerReadModelReader } from './partner-read-model.reader';
import { ProjectionHostLifecycle } from './projection-host.lifecycle';
import { PROJECTION_HOST } from './read-models.tokens';
import { ReadYourWrites } from './read-your-writes';

/** The read models, projected into the same database as the event log. */
@Global()
@Module({})
export class ReadModelsModule {
  /** `run: false` registers the read side without running the projections in this process. */
  static forRoot({ run }: { readonly run: boolean }): DynamicModule {
    return {
      module: ReadModelsModule,
      controllers: [ListProjectionsController],
      providers: [
        {
          provide: PROJECTION_HOST,
          useFactory: (store: EventStore, client: SqlClient) =>
            new ProjectionHost(
              [allPartnersProjection, clearanceProjection, managerContactProjection, managerPerformanceProjection],
              { store, readModel: client, lagCounter: sqlLogLagCounter(client) },
            ),
          inject: [EVENT_STORE, SQL_CLIENT],
        },
        ...(run ? [ProjectionHostLifecycle] : []),
        ReadYourWrites,
        PartnerReadModelReader,
      ],
      exports: [PROJECTION_HOST, ReadYourWrites, PartnerReadModelReader],
    };
  }
}
