import { DynamicModule, Module, type InjectionToken } from '@nestjs/common';
import type { KafkaConfig } from '@partnerships/config';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import type { Registry } from 'prom-client';
import { createKafkaClient } from '../kafka/kafka-client';
import { EventRelay } from './event-relay';
import { EVENT_RELAY, RelayLifecycle } from './relay.lifecycle';
import { RelayMetrics } from './relay-metrics';

export interface RelayDependencies {
  readonly store: EventStore;
  /** The read-model database: the relay's checkpoint. */
  readonly client: SqlClient;
  /** Counts the log's events after the checkpoint (see `logLagCounterFor`). */
  readonly lagCounter: LogLagCounter;
  /** Where the relay's metrics are registered, if the process serves them. */
  readonly registry?: Registry;
}

export interface RelayModuleOptions {
  readonly kafka: KafkaConfig;
  readonly inject: InjectionToken[];
  readonly useFactory: (...dependencies: never[]) => RelayDependencies;
}

/** The relay as part of a Nest application: the API (when KAFKA_BROKERS is set) or `apps/relay`. */
@Module({})
export class RelayModule {
  static forRoot({ kafka, inject, useFactory }: RelayModuleOptions): DynamicModule {
    return {
      module: RelayModule,
      providers: [
        {
          provide: EVENT_RELAY,
          inject,
          useFactory: (...dependencies: never[]) => {
            const { store, client, lagCounter, registry } = useFactory(...dependencies);
            return new EventRelay({
              store,
              checkpoints: client,
              kafka: createKafkaClient(kafka),
              topic: { topic: kafka.topic, partitions: kafka.topicPartitions, replicationFactor: kafka.replicationFactor },
              batchSize: kafka.relayBatchSize,
              lagCounter,
              metrics: registry && new RelayMetrics(registry),
            });
          },
        },
        RelayLifecycle,
      ],
      exports: [EVENT_RELAY],
    };
  }
}
