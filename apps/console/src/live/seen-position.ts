/** The last event the tab's live log saw (null until one lands): reads send it as `minPosition`. */
let seenPosition: string | null = null;

/** `minPosition` for a read: the read model answers only once it includes what the console has seen. */
export function readAfterSeen(): string | undefined {
  return seenPosition ?? undefined;
}

export function recordSeen(position: string): void {
  seenPosition = position;
}
