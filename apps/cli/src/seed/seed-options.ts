import { MAX_SEED_PARTNERS } from '@partnerships/seed';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';

export interface SeedOptions {
  readonly partners?: string;
  readonly seed?: string;
  readonly endAt?: string;
  readonly json?: boolean;
}

export interface SeedSettings {
  readonly partners: number;
  /** Null: the command picks one and reports it. */
  readonly seed: number | null;
  readonly endAt: Date | null;
}

const MAX_SEED = 0xffff_ffff;

/** Checks the options before anything is opened, so a bad one writes nothing. */
export function seedSettings(options: SeedOptions): SeedSettings {
  return {
    partners: wholeNumber('--partners', options.partners, 1, MAX_SEED_PARTNERS),
    seed: options.seed === undefined ? null : wholeNumber('--seed', options.seed, 0, MAX_SEED),
    endAt: options.endAt === undefined ? null : instant(options.endAt),
  };
}

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined) throw usage(`${flag} is required: the number of partners to generate, 1 to ${max.toLocaleString('en-US')}`);
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw usage(`${flag} must be an integer from ${min} to ${max.toLocaleString('en-US')} (got "${raw}")`);
  }
  return value;
}

function instant(raw: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}/.test(raw) ? new Date(raw) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw usage(`--end-at must be an ISO 8601 date or date-time such as 2026-01-01 (got "${raw}")`);
  return at;
}

function usage(message: string): CliFailure {
  return new CliFailure(message, USAGE_EXIT_CODE);
}
