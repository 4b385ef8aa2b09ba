/**
 * The canonical JSON of a value (RFC 8785, JSON Canonicalization Scheme, for the values events
 * hold): object members sorted by key (UTF-16 code units, JavaScript's default order), no
 * whitespace, numbers and strings as `JSON.stringify` writes them, members whose value is
 * `undefined` left out. Two stores that give back the same values give back the same bytes,
 * whatever order their JSON columns keep keys in.
 *
 * Built by string concatenation, without intermediate arrays, and with each member name quoted once
 * per process: every event of the log goes through here when it is sealed, verified or exported,
 * and events repeat the same few dozen names.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot hash the number ${value}: JSON has no such value`);
      return JSON.stringify(value);
    case 'object':
      return canonicalObject(value as object);
    default:
      throw new TypeError(`cannot hash a value of type ${typeof value}`);
  }
}

function canonicalObject(value: object): string {
  // A Date (or anything with toJSON) is stored as what toJSON gives: hash that, not its own keys.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      text += (index === 0 ? '' : ',') + canonicalJson(item === undefined ? null : item);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += (text.length === 1 ? '' : ',') + quotedName(key) + canonicalJson(member);
  }
  return `${text}}`;
}

/** Names seen so far, quoted and followed by a colon; bounded, so that odd data cannot grow it. */
const QUOTED_NAMES = new Map<string, string>();
const QUOTED_NAMES_LIMIT = 10_000;

function quotedName(key: string): string {
  let quoted = QUOTED_NAMES.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (QUOTED_NAMES.size < QUOTED_NAMES_LIMIT) QUOTED_NAMES.set(key, quoted);
  }
  return quoted;
}
