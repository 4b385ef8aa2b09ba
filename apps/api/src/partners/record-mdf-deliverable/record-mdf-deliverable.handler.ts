import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { RecordMdfDeliverableCommand } from './record-mdf-deliverable.command';

@CommandHandler(RecordMdfDeliverableCommand)
export class RecordMdfDeliverableHandler implements ICommandHandler<RecordMdfDeliverableCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: RecordMdfDeliverableCommand) {
    return this.partnerships.execute('RecordMdfDeliverable', data, context);
  }
}
