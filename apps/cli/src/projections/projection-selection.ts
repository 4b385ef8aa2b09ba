import { READ_MODEL_PROJECTIONS, type Projection } from '@partnerships/projections';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';

export const PROJECTION_NAMES: readonly string[] = READ_MODEL_PROJECTIONS.map((projection) => projection.name);

/** The projection named, or every one (in their usual order) for `all`; an unknown name is a usage error. */
export function selectProjections(nameOrAll: string): readonly Projection[] {
  if (nameOrAll === 'all') return READ_MODEL_PROJECTIONS;
  const projection = READ_MODEL_PROJECTIONS.find((candidate) => candidate.name === nameOrAll);
  if (projection === undefined) {
    throw new CliFailure(`unknown projection "${nameOrAll}"; known: ${PROJECTION_NAMES.join(', ')} (or all)`, USAGE_EXIT_CODE);
  }
  return [projection];
}
