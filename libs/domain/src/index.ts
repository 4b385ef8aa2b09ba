export * from './shared/command';
export * from './shared/decider';
export * from './shared/errors';
export * from './shared/event';
export * from './shared/ids';
export * from './shared/money';
export { PersistentMap } from './shared/persistent-map';

export * from './teammate/teammate-role';
export * from './teammate/teammate.commands';
export * from './teammate/teammate.events';
export * from './teammate/teammate.state';
export { teammateDecider } from './teammate/teammate.decider';

export * from './api-key/api-key.commands';
export * from './api-key/api-key.events';
export * from './api-key/api-key.state';
export { apiKeyDecider } from './api-key/api-key.decider';
export * from './webhook/webhook.commands';
export * from './webhook/webhook.events';
export * from './webhook/webhook.state';
export { MAX_SECRET_OVERLAP_MS, requireEventTypes, webhookDecider } from './webhook/webhook.decider';

export * from './partnership/partner-tier';
export * from './partnership/partner-type';
export * from './partnership/clearance';
export * from './partnership/partnership.commands';
export * from './partnership/partnership.events';
export * from './partnership/partnership.state';
export { partnershipDecider, decidePartnership } from './partnership/partnership.decider';
export { evolvePartnership } from './partnership/partnership.evolve';
export { partnerNotFound } from './partnership/partnership.guards';

export * from './event-catalog';

export * from './aggregates';
