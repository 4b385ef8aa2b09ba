import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandHandlingModule } from '../command-handling/command-handling.module';
import { TeammatesModule } from '../teammates/teammates.module';
import { SelectPartnerController } from './select-partner/select-partner.controller';
import { OnboardPartnerController } from './onboard-partner/onboard-partner.controller';
import { EnablePartnerController } from './enable-partner/enable-partner.controller';
import { OffboardPartnerController } from './offboard-partner/offboard-partner.controller';
import { OffboardPartnerHandler } from './offboard-partner/offboard-partner.handler';
import { AssignManagerController } from './assign-manager/assign-manager.controller';
import { AssignManagerHandler } from './assign-manager/assign-manager.handler';
import { BulkAssignManagersController } from './bulk-assign-managers/bulk-assign-managers.controller';
import { BulkAssignManagersHandler } from './bulk-assign-managers/bulk-assign-managers.handler';
import { ReferLeadController } from './refer-lead/refer-lead.controller';
import { EarnCommissionController } from './earn-commission/earn-commission.controller';
import { PayOutCommissionController } from './pay-out-commission/pay-out-commission.controller';
import { ReverseCommissionController } from './reverse-commission/reverse-commission.controller';
import { IssueInvoiceController } from './issue-invoice/issue-invoice.controller';
import { SettleInvoiceController } from './settle-invoice/settle-invoice.controller';
import { PayOutMdfController } from './pay-out-mdf/pay-out-mdf.controller';
import { RecordMdfDeliverableController } from './record-mdf-deliverable/record-mdf-deliverable.controller';
import { ChangeTierController } from './change-tier/change-tier.controller';
import { GetClearanceController } from './get-clearance/get-clearance.controller';
import { GetPartnerController } from './get-partner/get-partner.controller';
import { GetPartnerHistoryController } from './get-partner-history/get-partner-history.controller';
import { GetPartnerHistoryHandler } from './get-partner-history/get-partner-history.handler';
import { ListPartnersController } from './list-partners/list-partners.controller';
import { ListPartnersHandler } from './list-partners/list-partners.handler';
import { GetManagerContactController } from './get-manager-contact/get-manager-contact.controller';
import { RunPartnershipCommandHandler } from './shared/run-partnership-command';

@Module({
  imports: [CqrsModule, CommandHandlingModule, TeammatesModule],
  controllers: [
    ListPartnersController,
    GetPartnerController,
    GetClearanceController,
    GetPartnerHistoryController,
    GetManagerContactController,
    BulkAssignManagersController,
    SelectPartnerController,
    OnboardPartnerController,
    EnablePartnerController,
    OffboardPartnerController,
    AssignManagerController,
    ReferLeadController,
    EarnCommissionController,
    PayOutCommissionController,
    ReverseCommissionController,
    IssueInvoiceController,
    SettleInvoiceController,
    PayOutMdfController,
    RecordMdfDeliverableController,
    ChangeTierController,
  ],
  providers: [
    RunPartnershipCommandHandler,
    ListPartnersHandler,
    GetPartnerHistoryHandler,
    OffboardPartnerHandler,
    AssignManagerHandler,
    BulkAssignManagersHandler,
  ],
})
export class PartnersModule {}
