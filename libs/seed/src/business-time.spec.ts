import { DAY_MS, HOUR_MS, sortedWorkingTimes, workingTimeBetween } from './business-time';
import { castProgram } from './program-casting';
import { SeededRandom } from '@partnerships/event-store';

const MONDAY = Date.UTC(2026, 0, 5);

describe('the seeded generator', () => {
  it('repeats its sequence for the same seed and label, and not for another label', () => {
    const draw = (random: SeededRandom) => Array.from({ length: 5 }, () => random.next());

    expect(draw(SeededRandom.derived(42, 'partner:1'))).toEqual(draw(SeededRandom.derived(42, 'partner:1')));
    expect(draw(SeededRandom.derived(42, 'partner:1'))).not.toEqual(draw(SeededRandom.derived(42, 'partner:2')));
    expect(draw(new SeededRandom(42)).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('business times', () => {
  it('fall on weekdays between 08:00 and 18:00 UTC when the range spans weeks', () => {
    const random = new SeededRandom(1);
    for (let draw = 0; draw < 500; draw++) {
      const at = new Date(workingTimeBetween(random, MONDAY, MONDAY + 28 * DAY_MS));
      expect({ weekday: at.getUTCDay() >= 1 && at.getUTCDay() <= 5, hour: at.getUTCHours() >= 8 && at.getUTCHours() < 18 }).toEqual({ weekday: true, hour: true });
    }
  });

  it('stay inside a range too short for working hours, and come sorted when asked', () => {
    const random = new SeededRandom(2);
    const saturdayNight = MONDAY + 5 * DAY_MS + 22 * HOUR_MS;
    const times = sortedWorkingTimes(random, 50, saturdayNight, saturdayNight + HOUR_MS);

    expect(times.every((at) => at >= saturdayNight && at < saturdayNight + HOUR_MS)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('casting a program', () => {
  it('gives every fate a partner, stalls recent joiners and offboards early ones', () => {
    const { fates, joinedAt } = castProgram(3, 30, MONDAY, MONDAY + 300 * DAY_MS);

    expect(new Set(fates)).toEqual(new Set(['selected', 'onboarded', 'enabled', 'offboarded', 'forced-offboarded']));
    expect(fates.filter((fate) => fate === 'enabled').length).toBeGreaterThan(20);
    fates.forEach((fate, index) => {
      if (fate === 'selected' || fate === 'onboarded') expect(index).toBeGreaterThanOrEqual(19);
      if (fate.endsWith('offboarded')) expect(index).toBeLessThan(21);
    });
    expect(joinedAt).toEqual([...joinedAt].sort((a, b) => a - b));
  });
});
