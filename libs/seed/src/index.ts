export { DEFAULT_SEED, MAX_SEED_PARTNERS, seedProgram, type SeedProgramOptions, type SeedProgramResult } from './seed-program';
export { InvalidSeedOptionsError, SeedAlreadyWrittenError, SeedPlanError } from './seed.errors';
export { SEED_ACTOR } from './decided-stream';
export { planProgram, type ProgramPlan } from './program-plan';
