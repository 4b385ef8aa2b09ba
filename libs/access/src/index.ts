export * from './api-key-secret';
export { apiKeySecretsMigrations } from './api-key-secrets.migration';
export { ApiKeySecretStore } from './api-key-secret.store';
export * from './api-key.issuer';
export * from './credential-directory';
export * from './holder.lookup';
export * from './owner-bootstrap';
export type { Principal } from './principal';
export { actorOf } from './principal';
