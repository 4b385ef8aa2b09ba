import { API_KEY, DomainError } from '@partnerships/domain';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION } from '../output/json.option';
import { CliStore } from '../store/cli-store';
import { cliContext, openKeyOperations } from './key-operations';

interface RevokeOptions {
  readonly reason?: string;
  readonly json?: boolean;
}

@SubCommand({
  name: 'revoke',
  arguments: '<keyId>',
  description: 'Revoke an API key: every API process refuses it within 2 seconds. Revoking again writes nothing.',
})
export class KeysRevokeCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run([keyId]: string[], options: RevokeOptions = {}): Promise<void> {
    if (keyId === undefined) throw new CliFailure('keys revoke needs a key id', USAGE_EXIT_CODE);
    const { runner } = await openKeyOperations(this.cliStore);
    try {
      const context = cliContext();
      const result = await runner.run({
        aggregate: API_KEY,
        id: keyId,
        command: {
          type: 'RevokeApiKey',
          // The operator on the store acts as an owner.
          data: { keyId, reason: options.reason ?? null, actorTeammateId: null, actorRole: 'owner', holderRole: null },
          metadata: { now: context.occurredAt },
        },
        context,
      });
      if (options.json) {
        printJson({ keyId, revoked: true, version: result.version, position: result.position });
        return;
      }
      process.stdout.write(result.written > 0 ? `revoked API key ${keyId}\n` : `API key ${keyId} was already revoked\n`);
    } catch (error) {
      if (error instanceof DomainError) throw new CliFailure(error.message);
      throw error;
    }
  }

  @Option({ flags: '--reason <text>', description: 'why, for the audit trail' })
  parseReason(value: string): string {
    return value;
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
