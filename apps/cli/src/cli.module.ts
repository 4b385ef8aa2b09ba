import { Module } from '@nestjs/common';
import { PartnerctlProgram } from './partnerctl.program';
import { ProjectionsModule } from './projections/projections.module';
import { CliStoreModule } from './store/cli-store.module';

@Module({
  imports: [CliStoreModule, ProjectionsModule],
  providers: [PartnerctlProgram],
})
export class CliModule {}
