export { ConfigError, LOG_LEVELS, PROJECTIONS_MODES, loadConfig, type AppConfig, type AuthConfig, type KafkaConfig, type SsoConfig, type WebhooksConfig, type LogLevel, type ProjectionsMode } from './app-config';
export { OUR_STREAM_PREFIXES, describeConfiguredStore, openConfiguredStore, type OpenedStore } from './open-configured-store';
export { configOrExit } from './config-or-exit';
