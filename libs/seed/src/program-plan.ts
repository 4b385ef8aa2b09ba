import { DAY_MS } from './business-time';
import { partnerStory, type PartnershipStream, type StoryContext } from './partner-story';
import { castProgram, partnerIdOf, type ProgramCasting } from './program-casting';
import { planTeam, TEAM_SETUP_MS, type ProgramTeam } from './program-team';

const YEAR_MS = 365 * DAY_MS;
/** The last partners join at least this long before the end, so each has a few steps. */
const LAST_JOIN_BEFORE_END_MS = 10 * DAY_MS;

/**
 * A year of a partner program, decided but not written: the team's streams at once, each
 * partner's story on demand (so a million partners never sit in memory together). The seed
 * writes it through the `StreamWriter`; the benchmarks seal it and load the rows themselves.
 */
export interface ProgramPlan {
  readonly seed: number;
  readonly partners: number;
  /** Business time (ms) of the year the program spans. */
  readonly from: number;
  readonly end: number;
  readonly team: ProgramTeam;
  /** The story of partner `index` (0 ≤ index < partners), decided with pending events. */
  partner(index: number): PartnershipStream;
}

export function planProgram(seed: number, partners: number, endAt: Date): ProgramPlan {
  const end = endAt.getTime();
  const from = end - YEAR_MS;
  const team = planTeam(seed, partners, from, end);
  const casting: ProgramCasting = castProgram(seed, partners, from + TEAM_SETUP_MS, end - LAST_JOIN_BEFORE_END_MS);
  const context: StoryContext = { seed, endAt: end, team };
  return {
    seed,
    partners,
    from,
    end,
    team,
    partner: (index) => partnerStory(context, { index, partnerId: partnerIdOf(seed, index), fate: casting.fates[index], joinedAt: casting.joinedAt[index] }),
  };
}
