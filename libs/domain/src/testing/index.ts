export * from './decider-specification';
export * from './partnership.fixtures';
export * from './teammate.fixtures';
