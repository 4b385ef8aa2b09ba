/** Who asked, and how this request relates to others: everything an event's metadata needs beyond its data. */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Business time of the command: the body's `occurredAt`, else the time the request arrived. */
  readonly occurredAt: Date;
  /** From `Idempotency-Key`: makes the event ids deterministic so a retry writes nothing new. */
  readonly idempotencyKey: string | null;
  /** From `If-Match`: the stream version the caller last saw. */
  readonly expectedVersion: number | null;
}

export function systemContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    actor: 'system',
    correlationId: crypto.randomUUID(),
    causationId: null,
    occurredAt: new Date(),
    idempotencyKey: null,
    expectedVersion: null,
    ...overrides,
  };
}
