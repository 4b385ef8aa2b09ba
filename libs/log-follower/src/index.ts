export { CheckpointMovedError, CheckpointStore, projectionCheckpointMigrations } from './checkpoint-store';
export { followLog, type FollowLogOptions } from './follow-log';
export { HeadWatcher } from './head-watcher';
export { defaultFailureDecision, LogFollower, type FailureDecision, type FollowerState, type FollowerStatus, type LogFollowerClient, type LogFollowerOptions } from './log-follower';
export { logLagCounterFor, readingLogLagCounter, sqlLogLagCounter, type LogLagCounter } from './log-lag.counter';
export { RetryBackoff } from './retry-backoff';
export { isRetryableError } from './retryable-error.policy';
export { ProgressReporter, type ProgressLine } from './progress-reporter';
