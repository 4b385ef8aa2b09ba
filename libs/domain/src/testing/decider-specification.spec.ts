import type { Decider } from '../shared/decider';
import { ConflictError, ErrorCodes, NotFoundError, RuleViolationError } from '../shared/errors';
import { DeciderSpecification } from './decider-specification';

type Event = { type: 'Opened' } | { type: 'Closed' };
type Command = { type: 'Open' } | { type: 'Close' } | { type: 'Crash' };

const door: Decider<Command, Event, 'none' | 'open' | 'closed'> = {
  initialState: () => 'none',
  evolve: (_state, event) => (event.type === 'Opened' ? 'open' : 'closed'),
  decide: (command, state) => {
    if (command.type === 'Crash') {
      throw new TypeError('bug');
    }
    if (command.type === 'Open') {
      if (state === 'open') {
        return [];
      }
      return [{ type: 'Opened' }];
    }
    if (state !== 'open') {
      throw new RuleViolationError(ErrorCodes.PARTNER_NOT_ENABLED, 'not open', { state });
    }
    return [{ type: 'Closed' }];
  },
};

const spec = DeciderSpecification.for(door);

describe('DeciderSpecification', () => {
  it('passes when decide returns the expected events', () => {
    spec.given([]).when({ type: 'Open' }).then([{ type: 'Opened' }]);
  });

  it('fails when decide returns other events', () => {
    expect(() => spec.given([]).when({ type: 'Open' }).then([{ type: 'Closed' }])).toThrow();
  });

  it('passes thenNothing for a no-op and fails it otherwise', () => {
    spec.given([{ type: 'Opened' }]).when({ type: 'Open' }).thenNothing();
    expect(() => spec.given([]).when({ type: 'Open' }).thenNothing()).toThrow();
  });

  it('passes thenThrows for the expected class, code and details', () => {
    spec.given([]).when({ type: 'Close' }).thenThrows(RuleViolationError, 'PARTNER_NOT_ENABLED', { state: 'none' });
  });

  it('fails thenThrows for another class, another code, other details or no error', () => {
    const when = spec.given([]).when({ type: 'Close' });
    expect(() => when.thenThrows(ConflictError, 'PARTNER_NOT_ENABLED')).toThrow();
    expect(() => when.thenThrows(NotFoundError, 'PARTNER_NOT_FOUND')).toThrow();
    expect(() => when.thenThrows(RuleViolationError, 'PARTNER_NOT_SELECTED')).toThrow();
    expect(() => when.thenThrows(RuleViolationError, 'PARTNER_NOT_ENABLED', { state: 'open' })).toThrow();
    expect(() =>
      spec.given([]).when({ type: 'Open' }).thenThrows(RuleViolationError, 'PARTNER_NOT_ENABLED'),
    ).toThrow(/decide returned \[\{"type":"Opened"\}\]/);
  });

  it('lets an error that is not a domain error through', () => {
    expect(() => spec.given([]).when({ type: 'Crash' }).thenThrows(RuleViolationError, 'INTERNAL')).toThrow(TypeError);
  });

  it('exposes the folded state', () => {
    spec.given([{ type: 'Opened' }, { type: 'Closed' }]).thenState((state) => expect(state).toBe('closed'));
  });
});
