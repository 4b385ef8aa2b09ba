import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const forbidden = ['@nestjs/common', '@nestjs/cqrs', '@eventstore/db-client', 'kafkajs', 'pg', 'rxjs', 'class-validator', 'node:fs', '@partnerships/event-store'];

/** Lints source as if it were a file of libs/domain, with the project's own ESLint configuration. */
function restrictedImportsIn(source: string): string[] {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', 'libs/domain/src/shared/example.ts'],
    { cwd: root, input: source, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as [{ messages: { ruleId: string; message: string }[] }];
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

/** The layer rule is enforced by lint; this proves the rule itself bites. */
describe('the lint rule that keeps libs/domain pure', () => {
  it('refuses every framework and infrastructure import, and accepts imports within the domain', () => {
    const source = [
      ...forbidden.map((name, i) => `import * as x${i} from '${name}';`),
      `import { ErrorCodes } from './errors';`,
      `export const all = [${forbidden.map((_, i) => `x${i}`).join(', ')}, ErrorCodes];`,
    ].join('\n');
    const refused = restrictedImportsIn(source);
    expect(refused).toHaveLength(forbidden.length);
    expect(refused.every((message) => message.includes('libs/domain is pure'))).toBe(true);
  });
});
