export * from './event-decoding';
