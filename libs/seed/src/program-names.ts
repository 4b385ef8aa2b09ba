import type { SeededRandom } from '@partnerships/event-store';

const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ben', 'Carla', 'Chen', 'Dara', 'Elena', 'Farid', 'Grace', 'Hana', 'Ivan', 'Jonas', 'Keiko', 'Leila',
  'Marco', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor', 'Wen', 'Yara', 'Zoe',
] as const;

const LAST_NAMES = [
  'Almeida', 'Baker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lindqvist',
  'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Tanaka', 'Umar', 'Varga', 'Wagner', 'Yilmaz',
] as const;

const COMPANY_WORDS = [
  'Amber', 'Atlas', 'Beacon', 'Birch', 'Cedar', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Indigo', 'Juniper',
  'Keystone', 'Lumen', 'Maple', 'Nimbus', 'Onyx', 'Orbit', 'Pine', 'Quartz', 'Raven', 'Sable', 'Summit', 'Tidal', 'Vertex',
  'Willow', 'Zephyr',
] as const;

const COMPANY_NOUNS = ['Bridge', 'Cloud', 'Data', 'Digital', 'Forge', 'Growth', 'Labs', 'Leaf', 'Logic', 'Media', 'Peak', 'Point', 'Signal', 'Works'] as const;

const COMPANY_SUFFIXES = ['Inc', 'GmbH', 'Ltd', 'SAS', 'BV', 'LLC', 'Group', 'Partners', 'Consulting', 'Solutions'] as const;

export interface PersonName {
  readonly name: string;
  /** Lower-case, for the local part of an email address. */
  readonly handle: string;
}

export function personName(random: SeededRandom): PersonName {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return { name: `${first} ${last}`, handle: `${first}.${last}`.toLowerCase() };
}

export interface CompanyName {
  readonly name: string;
  /** A domain under the reserved `.example` top-level domain, so no real company is mailed. */
  readonly domain: string;
}

/** `serial` keeps the domains (and so the contact emails) distinct across a program of any size; names may repeat, as they do. */
export function companyName(random: SeededRandom, serial: number): CompanyName {
  const word = random.pick(COMPANY_WORDS);
  const noun = random.pick(COMPANY_NOUNS);
  const suffix = random.pick(COMPANY_SUFFIXES);
  return { name: `${word} ${noun} ${suffix}`, domain: `${word}${noun}${serial}.example`.toLowerCase() };
}
