import { Module } from '@nestjs/common';
import { ExportCommand } from './export.command';
import { ImportCommand } from './import.command';

@Module({ providers: [ExportCommand, ImportCommand] })
export class TransferModule {}
