/** Options the generator cannot work with (a count out of range, a seed that is not an integer). */
export class InvalidSeedOptionsError extends RangeError {
  override readonly name = 'InvalidSeedOptionsError';
}

/** The store already holds the program of this seed: its ids would collide. */
export class SeedAlreadyWrittenError extends Error {
  override readonly name = 'SeedAlreadyWrittenError';

  constructor(readonly seed: number) {
    super(`the program of seed ${seed} is already in this store; choose another seed`);
  }
}

/**
 * A decider refused a command the generator planned: a bug of the generator, never of the store.
 * Nothing of the partner concerned is written.
 */
export class SeedPlanError extends Error {
  override readonly name = 'SeedPlanError';
}
