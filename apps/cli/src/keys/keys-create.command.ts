import { findTeammate } from '@partnerships/access';
import { DomainError, TEAMMATE } from '@partnerships/domain';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION } from '../output/json.option';
import { CliStore } from '../store/cli-store';
import { cliContext, openKeyOperations } from './key-operations';

interface CreateOptions {
  readonly teammate?: string;
  readonly name?: string;
  readonly expiresAt?: string;
  readonly newOwnerName?: string;
  readonly newOwnerEmail?: string;
  readonly json?: boolean;
}

@SubCommand({
  name: 'create',
  description:
    "Issue an API key for a teammate (it acts with the teammate's current role) and print its secret, once. " +
    'With --new-owner-name and --new-owner-email, a teammate that does not exist is first added as an owner: the way back in when no owner key is left.',
})
export class KeysCreateCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(_params: string[], options: CreateOptions = {}): Promise<void> {
    if (options.teammate === undefined) throw new CliFailure('keys create needs --teammate <id>', USAGE_EXIT_CODE);
    if ((options.newOwnerName === undefined) !== (options.newOwnerEmail === undefined)) {
      throw new CliFailure('--new-owner-name and --new-owner-email go together', USAGE_EXIT_CODE);
    }
    const { opened, runner, issuer } = await openKeyOperations(this.cliStore);
    try {
      if (options.newOwnerName !== undefined && (await findTeammate(opened.store, options.teammate)) === null) {
        const context = cliContext();
        await runner.run({
          aggregate: TEAMMATE,
          id: options.teammate,
          command: {
            type: 'AddTeammate',
            data: { teammateId: options.teammate, name: options.newOwnerName, email: options.newOwnerEmail as string, role: 'owner', actorRole: 'owner' },
            metadata: { now: context.occurredAt },
          },
          context,
        });
      }
      const issued = await issuer.issue({
        name: options.name ?? 'Created with partnerctl',
        holder: { kind: 'teammate', teammateId: options.teammate },
        expiresAt: options.expiresAt ?? null,
        actorRole: 'owner',
        context: cliContext(),
      });
      if (options.json) {
        printJson(issued);
        return;
      }
      process.stdout.write(
        `API key ${issued.keyId} for ${issued.teammateId} (${issued.role})${issued.expiresAt ? `, expires ${issued.expiresAt}` : ''}\n` +
          `secret (shown once): ${issued.secret}\n`,
      );
    } catch (error) {
      if (error instanceof DomainError) throw new CliFailure(error.message);
      throw error;
    }
  }

  @Option({ flags: '--teammate <id>', description: 'the teammate the key acts as' })
  parseTeammate(value: string): string {
    return value;
  }

  @Option({ flags: '--name <text>', description: 'what the key is for (default: "Created with partnerctl")' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--expires-at <time>', description: 'ISO 8601 instant after which the key is refused' })
  parseExpiresAt(value: string): string {
    return value;
  }

  @Option({ flags: '--new-owner-name <name>', description: "if the teammate does not exist, add it as an owner with this name" })
  parseNewOwnerName(value: string): string {
    return value;
  }

  @Option({ flags: '--new-owner-email <email>', description: 'the new owner’s email (with --new-owner-name)' })
  parseNewOwnerEmail(value: string): string {
    return value;
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
