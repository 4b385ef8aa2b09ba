export * from './command-context';
export * from './command-envelope';
export * from './event-envelope';
export * from './seeded-uuid';
export * from './stream-command.runner';
export * from './stream-writer';
export * from './seeded-random';
