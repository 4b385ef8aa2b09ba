import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { HistoryModule } from './history/history.module';
import { PartnerctlProgram } from './partnerctl.program';
import { ProjectionsModule } from './projections/projections.module';
import { CliStoreModule } from './store/cli-store.module';

@Module({
  imports: [CliStoreModule, ProjectionsModule, AuditModule, HistoryModule],
  providers: [PartnerctlProgram],
})
export class CliModule {}
