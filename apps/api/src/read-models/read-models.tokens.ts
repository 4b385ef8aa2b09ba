/** The projections running in this process (a ProjectionHost). */
export const PROJECTION_HOST = Symbol('PROJECTION_HOST');
