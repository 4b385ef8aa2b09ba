import { type Decider, fold, skipUnknownEvent, unknownCommand } from './decider';
import { ValidationError } from './errors';

type CounterEvent = { type: 'Added'; data: { by: number } };
const counter: Decider<{ type: 'Add'; data: { by: number } }, CounterEvent, number> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command) => [{ type: 'Added', data: { by: command.data.by } }],
};
const added = (by: number): CounterEvent => ({ type: 'Added', data: { by } });

describe('fold', () => {
  it('replays events onto the initial state', () => {
    expect(fold(counter, [added(1), added(2), added(3)])).toBe(6);
  });

  it('returns the initial state for no events', () => {
    expect(fold(counter, [])).toBe(0);
  });

  it('continues from a given state', () => {
    expect(fold(counter, [added(5)], 10)).toBe(15);
  });
});

describe('exhaustiveness helpers', () => {
  it('keeps the state for an event type evolve does not know', () => {
    const state = { status: 'x' };
    expect(skipUnknownEvent({ type: 'Future' } as never, state)).toBe(state);
  });

  it('turns an unknown command into a validation error', () => {
    const error = unknownCommand({ type: 'Teleport' } as never);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual({ errors: [{ field: 'type', message: 'unknown command type Teleport' }] });
  });
});
