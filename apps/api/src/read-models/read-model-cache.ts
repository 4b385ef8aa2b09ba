import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionPositions } from '@partnerships/projections';
import { PROJECTION_POSITIONS } from './read-models.tokens';

/** Answers kept at most; the least recently used goes first. */
const MAX_ENTRIES = 1_000;

/** An answer already serialized: a route returning it declares `Content-Type: application/json` (see `JSON_ANSWER`). */
export type JsonText = string;

/** The header of a route that answers `JsonText`: Fastify then sends the text as it is. */
export const JSON_ANSWER = ['Content-Type', 'application/json; charset=utf-8'] as const;

/**
 * Answers of read-model queries, serialized and kept for as long as the read models stay where
 * they were: each is keyed by the query and tagged with the projections' version (their applied
 * positions), so the first projection commit after it makes it unreachable. A query asked with
 * `?minPosition=` is always read afresh. Between two commits, the same page is read from
 * PostgreSQL and serialized once.
 */
@Injectable()
export class ReadModelCache {
  private readonly answers = new Map<string, { readonly version: string; readonly answer: JsonText }>();

  constructor(@Inject(PROJECTION_POSITIONS) private readonly projections: ProjectionPositions) {}

  async read(key: string, minPosition: string | undefined, query: () => Promise<unknown>): Promise<JsonText> {
    if (minPosition !== undefined) return JSON.stringify(await query());
    // Read before the query: an answer is never tagged with a version newer than what it shows.
    const version = await this.projections.version();
    const kept = this.answers.get(key);
    if (kept !== undefined && kept.version === version) {
      this.answers.delete(key);
      this.answers.set(key, kept);
      return kept.answer;
    }
    const answer = JSON.stringify(await query());
    this.answers.delete(key);
    this.answers.set(key, { version, answer });
    if (this.answers.size > MAX_ENTRIES) this.answers.delete(this.answers.keys().next().value as string);
    return answer;
  }
}
