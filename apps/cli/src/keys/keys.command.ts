import { Command, CommandRunner } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { KeysCreateCommand } from './keys-create.command';
import { KeysListCommand } from './keys-list.command';
import { KeysRevokeCommand } from './keys-revoke.command';

@Command({
  name: 'keys',
  description: 'API keys, straight on the store: create (also to recover when no owner key is left), list, revoke',
  subCommands: [KeysCreateCommand, KeysListCommand, KeysRevokeCommand],
})
export class KeysCommand extends CommandRunner {
  override async run(params: string[]): Promise<void> {
    if (params.length > 0) {
      throw new CliFailure(`unknown command "keys ${params[0]}"; see partnerctl keys --help`, USAGE_EXIT_CODE);
    }
    this.command.outputHelp({ error: true });
    process.exitCode = USAGE_EXIT_CODE;
  }
}
