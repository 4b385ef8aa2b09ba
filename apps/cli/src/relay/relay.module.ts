import { Module } from '@nestjs/common';
import { RelayStatusCommand } from './relay-status.command';
import { RelayCommand } from './relay.command';

@Module({ providers: [RelayCommand, RelayStatusCommand] })
export class RelayModule {}
