export {
  AS_OF_BASES,
  AS_OF_FORMAT_HINT,
  InvalidAsOfBasisError,
  InvalidAsOfError,
  isAsOf,
  parseAsOf,
  parseAsOfBasis,
  type AsOfBasis,
} from './as-of-time';
export { managerIdsOf, partnerAsOf, partnerHistory, type PartnerAsOf, type PartnerAsOfInput, type PartnerHistory } from './partner-as-of';
export { readPartnerHistoryEvents, type PartnerHistoryEvents } from './partner-history.reader';
export { partnerStateView, type ExistingPartnerStateView, type PartnerStateView } from './partner-state.view';
export { timelineEntry, type TimelineEntry } from './partner-timeline';
