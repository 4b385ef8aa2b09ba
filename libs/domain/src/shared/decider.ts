import { ValidationError } from './errors';

/**
 * A pure aggregate: decisions and state changes are plain functions of their inputs, so the
 * same history always yields the same state and the same answer to a command.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

/** Replays events onto the initial state, or onto `from` when continuing from a known state. */
export function fold<E, S>(
  decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  events: Iterable<E>,
  from?: S,
): S {
  let state = from ?? decider.initialState();
  for (const event of events) {
    state = decider.evolve(state, event);
  }
  return state;
}

/**
 * The exhaustive end of an `evolve` switch: it only compiles when every event type is handled,
 * and at run time an event type this code does not know yet (written by a newer version)
 * leaves the state as it is instead of breaking the replay.
 */
export function skipUnknownEvent<S>(_event: never, state: S): S {
  return state;
}

/** The exhaustive end of a `decide` switch: a command outside the union is malformed input. */
export function unknownCommand(command: never): ValidationError {
  const type = (command as { readonly type?: unknown } | null)?.type;
  return ValidationError.forField('type', `unknown command type ${String(type)}`);
}
