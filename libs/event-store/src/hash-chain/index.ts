export { canonicalJson } from './canonical-json';
export {
  EMPTY_STREAM_TIP,
  HASH_METADATA_KEY,
  PREVIOUS_HASH_METADATA_KEY,
  chainTipOf,
  eventHash,
  nextLogHash,
  sealEvents,
  storedChainLink,
  type ChainTip,
  type HashableEvent,
} from './event-hash';
export { verifyLog, type AnchorCheck, type LogVerification, type VerifyLogOptions } from './verify-log';
export { ChainVerifier, type ChainBreak, type ChainBreakReason, type ChainVerifierOptions, type LogAnchor } from './chain-verifier';
