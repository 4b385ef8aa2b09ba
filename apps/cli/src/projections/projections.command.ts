import { Command, CommandRunner } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { ProjectionsRebuildCommand } from './projections-rebuild.command';
import { ProjectionsStatusCommand } from './projections-status.command';

@Command({
  name: 'projections',
  description: 'The projections that build the read models: status, rebuild',
  subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand],
})
export class ProjectionsCommand extends CommandRunner {
  override async run(params: string[]): Promise<void> {
    if (params.length > 0) {
      throw new CliFailure(`unknown command "projections ${params[0]}"; see partnerctl projections --help`, USAGE_EXIT_CODE);
    }
    this.command.outputHelp({ error: true });
    process.exitCode = USAGE_EXIT_CODE;
  }
}
