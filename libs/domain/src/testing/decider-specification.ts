import { type Decider, fold } from '../shared/decider';
import { DomainError, type ErrorCode } from '../shared/errors';

/**
 * Given/when/then for deciders, on top of jest's global `expect`:
 *
 *   DeciderSpecification.for(partnershipDecider)
 *     .given([partnerSelected])
 *     .when(onboardPartner)
 *     .then([partnerOnboarded]);
 *
 * The step names follow the common decider-testing vocabulary. Note that `then` makes a
 * `When` step look like a promise to `await`, so never await or return one from a test.
 */
export class DeciderSpecification<Command, Event, State> {
  private constructor(private readonly decider: Decider<Command, Event, State>) {}

  static for<Command, Event, State>(
    decider: Decider<Command, Event, State>,
  ): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(decider);
  }

  given(events: readonly Event[]): Given<Command, Event, State> {
    return new Given(this.decider, events);
  }
}

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

export class Given<Command, Event, State> {
  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly events: readonly Event[],
  ) {}

  when(command: Command): When<Command, Event, State> {
    return new When(this.decider, this.events, command);
  }

  /** For evolve: the state the given events fold into. */
  thenState(assertion: (state: State) => void): void {
    assertion(fold(this.decider, this.events));
  }
}

export class When<Command, Event, State> {
  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly given: readonly Event[],
    private readonly command: Command,
  ) {}

  then(expected: readonly Event[]): void {
    const events = this.decide();
    expect(events).toEqual(expected);
    // The new events must also apply cleanly on top of the history.
    fold(this.decider, events, fold(this.decider, this.given));
  }

  /** The command is accepted as a no-op: nothing is written. */
  thenNothing(): void {
    this.then([]);
  }

  thenThrows(
    errorClass: DomainErrorClass,
    code: ErrorCode,
    details?: Readonly<Record<string, unknown>>,
  ): void {
    let thrown: unknown;
    let events: Event[] | undefined;
    try {
      events = this.decide();
    } catch (error) {
      thrown = error;
    }
    if (thrown === undefined) {
      throw new Error(`Expected ${errorClass.name} ${code}, but decide returned ${JSON.stringify(events)}`);
    }
    if (!(thrown instanceof DomainError)) {
      throw thrown;
    }
    expect({ error: thrown.name, code: thrown.code }).toEqual({ error: errorClass.name, code });
    expect(thrown).toBeInstanceOf(errorClass);
    if (details !== undefined) {
      expect(thrown.details).toMatchObject(details);
    }
  }

  private decide(): Event[] {
    return this.decider.decide(this.command, fold(this.decider, this.given));
  }
}
