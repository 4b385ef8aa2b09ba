import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { HistoryModule } from './history/history.module';
import { KeysModule } from './keys/keys.module';
import { PartnerctlProgram } from './partnerctl.program';
import { ProjectionsModule } from './projections/projections.module';
import { RelayModule } from './relay/relay.module';
import { SeedModule } from './seed/seed.module';
import { CliStoreModule } from './store/cli-store.module';
import { TransferModule } from './transfer/transfer.module';

@Module({
  imports: [CliStoreModule, ProjectionsModule, AuditModule, HistoryModule, TransferModule, SeedModule, RelayModule, KeysModule],
  providers: [PartnerctlProgram],
})
export class CliModule {}
