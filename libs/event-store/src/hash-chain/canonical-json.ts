/**
 * The canonical JSON of a value (RFC 8785, JSON Canonicalization Scheme, for the values events
 * hold): object members sorted by key (UTF-16 code units, JavaScript's default order), no
 * whitespace, numbers and strings as `JSON.stringify` writes them, members whose value is
 * `undefined` left out. Two stores that give back the same values give back the same bytes,
 * whatever order their JSON columns keep keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot hash the number ${value}: JSON has no such value`);
      return JSON.stringify(value);
    case 'object': {
      // A Date (or anything with toJSON) is stored as what toJSON gives: hash that, not its own keys.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
      const members = Object.keys(value as object)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`cannot hash a value of type ${typeof value}`);
  }
}
