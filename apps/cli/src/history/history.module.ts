import { Module } from '@nestjs/common';
import { HistoryCommand } from './history.command';
import { PartnerHistorySource } from './partner-history.source';
import { StateCommand } from './state.command';

@Module({ providers: [PartnerHistorySource, HistoryCommand, StateCommand] })
export class HistoryModule {}
