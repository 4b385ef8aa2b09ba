export * from './command-context';
export * from './event-envelope';
export * from './seeded-uuid';
export * from './stream-command.runner';
