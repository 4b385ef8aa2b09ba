import { randomBytes, randomUUID } from 'node:crypto';
import {
  DomainError,
  partnershipDecider,
  partnershipStreamId,
  teammateDecider,
  teammateStreamId,
  type Decider,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
  type TeammateCommand,
  type TeammateEvent,
  type TeammateState,
} from '@partnerships/domain';
import { type EventStore } from '@partnerships/event-store';

/** An appended event with the business time it was appended at. */
export interface RecordedEvent<E> {
  readonly event: E;
  readonly occurredAt: string;
}

export interface DeciderLedgerOptions<E> {
  /** The business time of a run that names none; the start of 2024 unless given. */
  readonly occurredAt?: () => string;
  /** Called for every appended event, in append order. */
  readonly onAppend?: (recorded: RecordedEvent<E>) => void;
}

const DEFAULT_OCCURRED_AT = '2024-01-01T00:00:00.000Z';

/** One stream's history as the command side builds it: decided, appended, folded; events kept with their business time. */
export class DeciderLedger<C, E extends { readonly type: string; readonly data: unknown }, S> {
  state: S;
  readonly events: RecordedEvent<E>[] = [];

  constructor(
    private readonly decider: Decider<C, E, S>,
    readonly streamId: string,
    private readonly options: DeciderLedgerOptions<E> = {},
  ) {
    this.state = decider.initialState();
  }

  /** Decides and appends; a refused command leaves the history as it was and returns false. */
  async run(store: EventStore, command: C, occurredAt?: string): Promise<boolean> {
    let decided: E[];
    try {
      decided = this.decider.decide(command, this.state);
    } catch (error) {
      if (error instanceof DomainError) {
        return false;
      }
      throw error;
    }
    if (decided.length === 0) {
      return true;
    }
    const at = occurredAt ?? this.options.occurredAt?.() ?? DEFAULT_OCCURRED_AT;
    await store.appendToStream(
      this.streamId,
      decided.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: { occurredAt: at, actor: 'test', correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
      })),
      { expectedVersion: this.events.length },
    );
    for (const event of decided) {
      this.state = this.decider.evolve(this.state, event);
      const recorded = { event, occurredAt: at };
      this.events.push(recorded);
      this.options.onAppend?.(recorded);
    }
    return true;
  }
}

/** Ledgers of partnership and teammate streams, all sharing `options`. */
export function deciderLedgers(options: DeciderLedgerOptions<PartnershipEvent | TeammateEvent> = {}) {
  class PartnerLedger extends DeciderLedger<PartnershipCommand, PartnershipEvent, PartnershipState> {
    constructor(readonly partnerId: string) {
      super(partnershipDecider, partnershipStreamId(partnerId), options);
    }
  }

  class TeammateLedger extends DeciderLedger<TeammateCommand, TeammateEvent, TeammateState> {
    constructor(readonly teammateId: string) {
      super(teammateDecider, teammateStreamId(teammateId), options);
    }
  }

  return { PartnerLedger, TeammateLedger };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}
