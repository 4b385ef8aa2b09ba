import { Query } from '@nestjs/cqrs';
import type { AllPartnersPage, ListAllPartnersOptions } from '@partnerships/projections';

export class ListPartnersQuery extends Query<AllPartnersPage> {
  constructor(
    readonly options: ListAllPartnersOptions,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
