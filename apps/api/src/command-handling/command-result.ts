/** What every command answers: the stream version and the log position of the last event written. */
export interface StreamWriteResult {
  readonly version: number;
  /** Null only when the stream is still empty (a no-op on nothing). */
  readonly position: string | null;
  /** Events written by this call (0 for a no-op or a replayed retry). */
  readonly written: number;
}

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
