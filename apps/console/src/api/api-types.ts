/**
 * What the API answers, as the API's own code declares it: the console imports these types (never
 * values) from the read models and controllers, so a change of shape there fails the console's
 * type check instead of a screen.
 */
export type { AllPartnersItem, AllPartnersPage, MoneyMap } from '../../../../libs/projections/src/read-models/all-partners/all-partners.query';
export type { ManagerPerformance, ManagerPerformanceSeries } from '../../../../libs/projections/src/read-models/manager-performance/manager-performance.query';
export type { PartnerManagerContact, TeammateListing } from '../../../../libs/projections/src/read-models/manager-contact/manager-contact.query';
export type { HostedProjectionStatus } from '../../../../libs/projections/src/projection-host';
export type { Clearance, ClearanceBlocker } from '../../../../libs/domain/src';
export type { BulkAssignmentResult } from '../../../api/src/partners/bulk-assign-managers/bulk-assign-managers.command';
export type { ListPartnersQueryParams } from '../../../api/src/partners/list-partners/list-partners.query-params';
export type { WhoAmI } from '../../../api/src/auth/who-am-i/who-am-i.controller';
export type { ProblemDetails } from '../../../api/src/problems/problem-details';
export type { PartnerAsOf, PartnerHistory } from '../../../../libs/projections/src/as-of/partner-as-of';
export type { TimelineEntry } from '../../../../libs/projections/src/as-of/partner-timeline';
export type { OffboardPartnerDto } from '../../../api/src/partners/offboard-partner/offboard-partner.dto';
export type { ReferLeadDto } from '../../../api/src/partners/refer-lead/refer-lead.dto';
export type { CommissionEarned, CommissionPaidOut, CommissionReversed, LeadReferred } from '../../../../libs/domain/src/partnership/partnership.events';
