export * from './event-decoding';
export * from './log-pages';
