export type { Projection } from './projection';
export {
  ProjectionRunner,
  type ProjectionFailure,
  type ProjectionRunnerOptions,
  type ProjectionState,
  type ProjectionStatus,
} from './projection-runner';
export {
  ProjectionHost,
  RebuildInProgressError,
  UnknownProjectionError,
  type HostedProjectionStatus,
} from './projection-host';
export {
  RebuildFailedError,
  rebuildProjection,
  rebuildProjections,
  rebuildSchemaName,
  type RebuildOptions,
  type RebuildPhase,
  type RebuildProgress,
  type RebuildResult,
} from './rebuild/projection-rebuild';
export { SchemaScopedClient } from './rebuild/schema-scoped.client';
export { StoredProjectionPositions, VERSION_MAX_AGE_MS, type ProjectionPositions } from './stored-projection-positions';
export { clearanceProjection } from './read-models/clearance/clearance.projection';
export { readClearance } from './read-models/clearance/clearance.query';
export {
  managerContactProjection,
  MANAGER_CONTACT_PARTNERS_TABLE,
  MANAGER_CONTACT_TEAMMATES_TABLE,
} from './read-models/manager-contact/manager-contact.projection';
export { apiKeysProjection, API_KEYS_TABLE } from './read-models/api-keys/api-keys.projection';
export { listApiKeys, type ApiKeyListing, type ApiKeyStatus } from './read-models/api-keys/api-keys.query';
export { webhooksProjection, WEBHOOK_ENDPOINTS_TABLE } from './read-models/webhooks/webhooks.projection';
export { findWebhookEndpoint, listWebhookEndpoints, type WebhookEndpoint, type WebhookEndpointStatus } from './read-models/webhooks/webhooks.query';
export {
  listTeammates,
  readManagerContact,
  teammateIdsByEmail,
  type ManagerContact,
  type PartnerManagerContact,
  type TeammateListing,
} from './read-models/manager-contact/manager-contact.query';
export {
  allPartnersProjection,
  ALL_PARTNERS_ACTIVITY_TABLE,
  ALL_PARTNERS_MONEY_TABLE,
  ALL_PARTNERS_PARTNERS_TABLE,
  ALL_PARTNERS_TEAMMATES_TABLE,
} from './read-models/all-partners/all-partners.projection';
export {
  ALL_PARTNERS_DEFAULT_LIMIT,
  ALL_PARTNERS_DEFAULT_SORT_CURRENCY,
  ALL_PARTNERS_MAX_LIMIT,
  ALL_PARTNERS_SORTS,
  InvalidCursorError,
  InvalidSortError,
  listAllPartners,
  readPartnerRow,
  type AllPartnersItem,
  type AllPartnersManager,
  type AllPartnersPage,
  type AllPartnersSort,
  type ListAllPartnersOptions,
  type MoneyMap,
} from './read-models/all-partners/all-partners.query';
export {
  managerPerformanceProjection,
  MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE,
  MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE,
  MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE,
  MANAGER_PERFORMANCE_CUSTOMERS_TABLE,
  MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE,
  MANAGER_PERFORMANCE_PARTNERS_TABLE,
  MANAGER_PERFORMANCE_SALES_TABLE,
  MANAGER_PERFORMANCE_TEAMMATES_TABLE,
} from './read-models/manager-performance/manager-performance.projection';
export {
  MANAGER_PERFORMANCE_ATTRIBUTIONS,
  MANAGER_PERFORMANCE_INTERVALS,
  readManagerPerformance,
  UNASSIGNED_MANAGER,
  type ManagerPerformance,
  type ManagerPerformanceAttribution,
  type ManagerPerformanceBucket,
  type ManagerPerformanceInterval,
  type ManagerPerformanceOptions,
  type ManagerPerformanceSeries,
} from './read-models/manager-performance/manager-performance.query';
export { READ_MODEL_PROJECTIONS } from './read-models/read-model-projections';
export * from './as-of';
