export * from './envelope/cloud-event-headers';
export { aggregateIdOf, cloudEventAttributes, toStructuredCloudEvent } from './envelope/cloud-event-attributes';
export { toKafkaEventMessage, type KafkaEventMessage } from './envelope/kafka-event-message';
export { decodeDeliveredEvent, isDomainDelivery, UndecodableMessageError, type DeliveredEvent, type DomainDelivery } from './envelope/delivered-event';
export { createKafkaClient, type KafkaClientSettings } from './kafka/kafka-client';
export { ensureEventTopic, topicRecordCount, type EventTopicSettings } from './kafka/event-topic';
export { EventRelay, type EventRelayOptions, type RelayState, type RelayStatus } from './relay/event-relay';
export { RelayMetrics } from './relay/relay-metrics';
export { RelayModule, type RelayDependencies, type RelayModuleOptions } from './relay/relay.module';
export { EVENT_RELAY } from './relay/relay.lifecycle';
// Consumer helper: consumer-group consumption with deduplication by ce_id.
export {
  EventStreamConsumer,
  type ConsumerState,
  type ConsumerStatus,
  type EventStreamConsumerOptions,
} from './consumer/event-stream-consumer';
export type { ProcessedEventStore } from './consumer/processed-event-store';
export { SqlProcessedEvents } from './consumer/sql-processed-events';
export { PROCESSED_EVENTS_TABLE, processedEventsMigrations } from './consumer/processed-events.migration';
