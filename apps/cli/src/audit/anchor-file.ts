import { readFileSync } from 'node:fs';
import type { LogAnchor } from '@partnerships/event-store';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';

/** What `partnerctl anchor` writes: the log anchor, when it was taken and of which store. */
export interface AnchorRecord extends LogAnchor {
  readonly takenAt: string;
  /** Where the log was, without credentials: an anchor checked against another store says so. */
  readonly store: string;
}

/** The anchor file named on the command line cannot be read or is not an anchor: the argument is wrong. */
export class AnchorFileError extends CliFailure {
  constructor(path: string, reason: string) {
    super(`cannot use the anchor file ${path}: ${reason}`, USAGE_EXIT_CODE);
    this.name = 'AnchorFileError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const POSITION = /^\d+$/;

/** Reads and checks an anchor file as `partnerctl anchor` writes it (only `events`, `position` and `hash` are needed). */
export function readAnchorFile(path: string): LogAnchor {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AnchorFileError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AnchorFileError(path, 'not JSON');
  }
  return parseAnchor(parsed, (reason) => new AnchorFileError(path, reason));
}

export function parseAnchor(value: unknown, invalid: (reason: string) => Error): LogAnchor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('not a JSON object');
  const { events, position, hash } = value as Record<string, unknown>;
  if (typeof events !== 'number' || !Number.isSafeInteger(events) || events < 0) throw invalid('"events" must be a whole number of events, 0 or more');
  if (position !== null && !(typeof position === 'string' && POSITION.test(position))) throw invalid('"position" must be a log position (a decimal string) or null');
  if (hash !== null && !(typeof hash === 'string' && SHA256_HEX.test(hash))) throw invalid('"hash" must be a SHA-256 in hex or null');
  // An empty log has neither a position nor a hash; any other log has both.
  if ((events === 0) !== (hash === null) || (events === 0) !== (position === null)) {
    throw invalid('"events", "position" and "hash" do not agree (an anchor of 0 events has a null position and hash, any other has both)');
  }
  return { events, position, hash };
}
