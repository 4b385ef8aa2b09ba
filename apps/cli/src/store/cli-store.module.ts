import { Global, Module } from '@nestjs/common';
import { CliStore } from './cli-store';

@Global()
@Module({ providers: [CliStore], exports: [CliStore] })
export class CliStoreModule {}
