export type { Projection } from './projection';
export {
  CheckpointMovedError,
  CheckpointStore,
  projectionCheckpointMigrations,
} from './checkpoint-store';
export {
  ProjectionRunner,
  type ProjectionFailure,
  type ProjectionRunnerOptions,
  type ProjectionState,
  type ProjectionStatus,
} from './projection-runner';
export { ProjectionHost } from './projection-host';
export { readingLogLagCounter, sqlLogLagCounter, type LogLagCounter } from './log-lag.counter';
export { isRetryableError } from './retryable-error.policy';
export { clearanceProjection } from './read-models/clearance/clearance.projection';
export { readClearance } from './read-models/clearance/clearance.query';
