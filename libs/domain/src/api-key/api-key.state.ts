import type { ApiKeyIssued } from './api-key.events';

type IssuedKey = ApiKeyIssued['data'];

export type ApiKeyState =
  | { readonly status: 'none' }
  | ({ readonly status: 'active' } & IssuedKey)
  | ({ readonly status: 'revoked' } & IssuedKey);
