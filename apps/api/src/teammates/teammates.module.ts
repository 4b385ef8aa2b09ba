import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandHandlingModule } from '../command-handling/command-handling.module';
import { AddTeammateController } from './add-teammate/add-teammate.controller';
import { ChangeTeammateRoleController } from './change-teammate-role/change-teammate-role.controller';
import { ListTeammatesController } from './list-teammates/list-teammates.controller';
import { RemoveTeammateController } from './remove-teammate/remove-teammate.controller';
import { RunTeammateCommandHandler } from './shared/run-teammate-command';
import { TeammateLookup } from './shared/teammate-lookup.service';

@Module({
  imports: [CqrsModule, CommandHandlingModule],
  controllers: [AddTeammateController, ChangeTeammateRoleController, RemoveTeammateController, ListTeammatesController],
  providers: [
    RunTeammateCommandHandler,
    TeammateLookup,
  ],
  exports: [TeammateLookup],
})
export class TeammatesModule {}
