import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { seedSettings } from './seed-options';

describe('the options of partnerctl seed', () => {
  it('takes a count, a seed and an end', () => {
    expect(seedSettings({ partners: '10000', seed: '42', endAt: '2026-01-01' })).toEqual({ partners: 10_000, seed: 42, endAt: new Date('2026-01-01T00:00:00.000Z') });
    expect(seedSettings({ partners: '1' })).toEqual({ partners: 1, seed: null, endAt: null });
  });

  it.each([
    [{}, '--partners is required'],
    [{ partners: '-3' }, '--partners must be an integer from 1 to 1,000,000 (got "-3")'],
    [{ partners: '2.5' }, '--partners must be an integer'],
    [{ partners: '1000001' }, '--partners must be an integer from 1 to 1,000,000 (got "1000001")'],
    [{ partners: '5', seed: '4294967296' }, '--seed must be an integer from 0 to 4,294,967,295'],
    [{ partners: '5', endAt: 'yesterday' }, '--end-at must be an ISO 8601 date'],
  ])('refuses %j as a usage error', (options, message) => {
    let failure: unknown;
    try {
      seedSettings(options);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CliFailure);
    expect(failure).toEqual(expect.objectContaining({ exitCode: USAGE_EXIT_CODE, message: expect.stringContaining(message) }));
  });
});
