import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USAGE_EXIT_CODE } from '../cli-failure';
import { readAnchorFile } from './anchor-file';

const HASH = 'a'.repeat(64);

describe('the anchor file verify --anchor reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-file-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back the anchor that partnerctl anchor wrote, whatever else the file records', () => {
    const path = file('ok.json', JSON.stringify({ events: 12, position: '4096', hash: HASH, takenAt: '2026-01-31T00:00:00.000Z', store: 'PostgreSQL' }));
    expect(readAnchorFile(path)).toEqual({ events: 12, position: '4096', hash: HASH });
    expect(readAnchorFile(file('empty.json', '{"events":0,"position":null,"hash":null}'))).toEqual({ events: 0, position: null, hash: null });
  });

  it.each([
    ['a missing file', null, /no such file/],
    ['text that is not JSON', 'anchor', /not JSON/],
    ['a negative count', JSON.stringify({ events: -1, position: '1', hash: HASH }), /"events"/],
    ['a hash that is not SHA-256', JSON.stringify({ events: 1, position: '1', hash: 'abc' }), /"hash"/],
    ['a count that does not agree with the hash', JSON.stringify({ events: 0, position: '1', hash: HASH }), /do not agree/],
  ])('refuses %s as a wrong argument', (name, text, reason) => {
    const path = text === null ? join(dir, 'missing.json') : file(`${name}.json`, text);
    expect(() => readAnchorFile(path)).toThrow(expect.objectContaining({ exitCode: USAGE_EXIT_CODE, message: expect.stringMatching(reason) }));
    expect(() => readAnchorFile(path)).toThrow(`cannot use the anchor file ${path}: `);
  });

});
