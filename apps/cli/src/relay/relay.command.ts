import { Command, CommandRunner } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { RelayStatusCommand } from './relay-status.command';

@Command({
  name: 'relay',
  description: 'The relay that publishes the log to Kafka: status',
  subCommands: [RelayStatusCommand],
})
export class RelayCommand extends CommandRunner {
  override async run(params: string[]): Promise<void> {
    if (params.length > 0) {
      throw new CliFailure(`unknown command "relay ${params[0]}"; see partnerctl relay --help`, USAGE_EXIT_CODE);
    }
    this.command.outputHelp({ error: true });
    process.exitCode = USAGE_EXIT_CODE;
  }
}
