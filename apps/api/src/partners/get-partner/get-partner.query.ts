import { Query } from '@nestjs/cqrs';
import type { AllPartnersItem } from '@partnerships/projections';

export class GetPartnerQuery extends Query<AllPartnersItem> {
  constructor(
    readonly partnerId: string,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
