import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandHandlingModule } from '../command-handling/command-handling.module';
import { AddTeammateController } from './add-teammate/add-teammate.controller';
import { AddTeammateHandler } from './add-teammate/add-teammate.handler';
import { ChangeTeammateRoleController } from './change-teammate-role/change-teammate-role.controller';
import { ChangeTeammateRoleHandler } from './change-teammate-role/change-teammate-role.handler';
import { ListTeammatesController } from './list-teammates/list-teammates.controller';
import { RemoveTeammateController } from './remove-teammate/remove-teammate.controller';
import { RemoveTeammateHandler } from './remove-teammate/remove-teammate.handler';
import { ListTeammatesHandler } from './list-teammates/list-teammates.handler';
import { TeammateCommands } from './shared/teammate-commands.service';
import { TeammateLookup } from './shared/teammate-lookup.service';

@Module({
  imports: [CqrsModule, CommandHandlingModule],
  controllers: [AddTeammateController, ChangeTeammateRoleController, RemoveTeammateController, ListTeammatesController],
  providers: [
    TeammateCommands,
    TeammateLookup,
    AddTeammateHandler,
    ChangeTeammateRoleHandler,
    RemoveTeammateHandler,
    ListTeammatesHandler,
  ],
  exports: [TeammateLookup],
})
export class TeammatesModule {}
