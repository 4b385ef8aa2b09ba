export * from './event-store.contract';
export * from './sql-event-store.contract';
export * from './subscription-probe';
export * from './postgres-test-schema';
export * from './concurrent-appends';
export * from './stream-lock';
export * from './whole-log';
export * from './eventstoredb-double/eventstoredb-double';
