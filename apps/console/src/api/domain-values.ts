/**
 * Values the console shows in pickers, taken from the pure domain library (no framework code, safe
 * to bundle) so that a status or type added there appears here without a second list.
 */
export { PARTNER_TYPES } from '../../../../libs/domain/src/partnership/partner-type';
export { PARTNERSHIP_STATUSES } from '../../../../libs/domain/src/partnership/partnership.state';
export { mayOverrideClearance } from '../../../../libs/domain/src/partnership/clearance';
export { PARTNERSHIP_STREAM_PREFIX, TEAMMATE_STREAM_PREFIX } from '../../../../libs/domain/src/shared/ids';
