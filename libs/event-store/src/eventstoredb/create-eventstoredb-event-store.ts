import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store';

/**
 * Connects to EventStoreDB / KurrentDB by connection string (`esdb://host:2113?tls=false`,
 * `esdb+discover://…` for a cluster) and checks that it answers before returning.
 */
export async function createEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbEventStoreOptions = {},
): Promise<EventStoreDbEventStore> {
  const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  try {
    await store.ping();
  } catch (error) {
    await store.close();
    throw new Error(`EventStoreDB at ${redactedConnectionString(connectionString)} does not answer: ${(error as Error).message}`, { cause: error });
  }
  return store;
}

/** The connection string without credentials, for messages and logs. */
export function redactedConnectionString(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}
