/** The projections of this process (a ProjectionHost): started here unless PROJECTIONS=off; rebuilds run through it. */
export const PROJECTION_HOST = Symbol('PROJECTION_HOST');
/** Where the projections stand (ProjectionPositions): the host's runners, or the stored checkpoints when the projector runs them. */
export const PROJECTION_POSITIONS = Symbol('PROJECTION_POSITIONS');
