export { ConfigError, LOG_LEVELS, PROJECTIONS_MODES, loadConfig, type AppConfig, type KafkaConfig, type LogLevel, type ProjectionsMode } from './app-config';
export { openConfiguredStore, type OpenedStore } from './open-configured-store';
export { configOrExit } from './config-or-exit';
