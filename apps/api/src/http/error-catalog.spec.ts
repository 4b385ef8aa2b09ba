import { ErrorCodes } from '@partnerships/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the error catalog in docs/errors.md', () => {
  const catalog = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'errors.md'), 'utf8');

  it.each(Object.values(ErrorCodes))('documents %s', (code) => {
    expect(catalog).toContain(`| \`${code}\` |`);
  });
});
