import { Module } from '@nestjs/common';
import { AggregateCommandRunner } from './aggregate-command.runner';

@Module({
  providers: [AggregateCommandRunner],
  exports: [AggregateCommandRunner],
})
export class CommandHandlingModule {}
