import type { AnchorCheck, ChainBreak } from '@partnerships/event-store';

/** The first broken link as one line: where it is, then why. */
export function chainBreakMessage(found: ChainBreak): string {
  return (
    `the chain breaks at ${found.streamId} version ${found.version} (event ${found.eventId}, position ${found.position}): ` +
    `${found.reason}, ${found.detail}`
  );
}

/** A failed anchor check as one line. */
export function anchorFailureMessage(check: AnchorCheck & { holds: false }): string {
  return `the anchor of ${check.anchor.events} events at position ${check.anchor.position ?? '-'} does not hold: ${check.detail}`;
}
