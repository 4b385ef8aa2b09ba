export type { StreamWriteResult } from '@partnerships/event-store';

export interface PartnerCommandResult {
  readonly partnerId: string;
  readonly version: number;
  readonly position: string | null;
}

export interface TeammateCommandResult {
  readonly teammateId: string;
  readonly version: number;
  readonly position: string | null;
}
