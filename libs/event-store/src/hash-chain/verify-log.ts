import type { EventStore } from '../event-store.port';
import { logPages } from '../reading/log-pages';
import { ChainVerifier, type ChainBreak, type LogAnchor } from './chain-verifier';

export interface VerifyLogOptions {
  /** Check this stream only, in version order, instead of the whole log in position order. */
  readonly streamId?: string;
  /** An anchor taken earlier from this log (or the log it was exported from): its first events must still hash to it. */
  readonly anchor?: LogAnchor;
  readonly pageSize?: number;
  /** Called after each page with the number of events checked so far. */
  readonly onProgress?: (checked: number) => void;
}

/** How the log compares with an anchor taken earlier. */
export type AnchorCheck =
  | { readonly holds: true; readonly anchor: LogAnchor }
  | { readonly holds: false; readonly anchor: LogAnchor; readonly detail: string };

export interface LogVerification {
  /** The first link that does not hold, in the order read; null when every link holds. */
  readonly firstBreak: ChainBreak | null;
  /** The head of what was checked: the whole log (or stream) when nothing broke. */
  readonly head: LogAnchor;
  readonly streams: number;
  readonly anchorCheck: AnchorCheck | null;
}

const DEFAULT_PAGE_SIZE = 1_000;

/**
 * Recomputes every hash of the log (or of one stream) and every link between them, and the log
 * hash an anchor records. Stops at the first broken link.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<LogVerification> {
  if (options.streamId !== undefined && options.anchor !== undefined) {
    throw new TypeError('an anchor covers the whole log, not one stream');
  }
  const verifier = new ChainVerifier();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const anchor = options.anchor;
  let anchorCheck: AnchorCheck | null = null;
  const checkAnchor = (): void => {
    if (anchor === undefined || anchorCheck !== null || verifier.head.events !== anchor.events) return;
    anchorCheck =
      verifier.head.hash === anchor.hash
        ? { holds: true, anchor }
        : { holds: false, anchor, detail: `the first ${anchor.events} events no longer hash to the anchor: history before it changed` };
  };
  checkAnchor();

  for await (const page of logPages(store, { streamId: options.streamId, pageSize })) {
    for (const event of page) {
      const found = verifier.check(event);
      checkAnchor();
      if (found) return { firstBreak: found, head: verifier.head, streams: verifier.streams, anchorCheck };
    }
    options.onProgress?.(verifier.head.events);
  }
  if (anchor !== undefined && anchorCheck === null) {
    anchorCheck = {
      holds: false,
      anchor,
      detail: `the log holds ${verifier.head.events} events, fewer than the ${anchor.events} of the anchor: events were removed`,
    };
  }
  return { firstBreak: null, head: verifier.head, streams: verifier.streams, anchorCheck };
}
