export * from './decider-specification';
export * from './message-types';
export * from './partnership.fixtures';
export * from './teammate.fixtures';
