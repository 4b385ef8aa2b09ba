import { Query } from '@nestjs/cqrs';
import type { AsOfBasis, PartnerAsOf, PartnerHistory } from '@partnerships/projections';

/** Without `asOf`, the whole timeline; with it, the state at that moment on the `by` clock. */
export class GetPartnerHistoryQuery extends Query<PartnerHistory | PartnerAsOf> {
  constructor(
    readonly partnerId: string,
    readonly asOf: string | undefined,
    readonly by: AsOfBasis,
  ) {
    super();
  }
}
