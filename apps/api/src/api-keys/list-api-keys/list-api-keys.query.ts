import { Query } from '@nestjs/cqrs';
import type { ApiKeyListing } from '@partnerships/projections';

export class ListApiKeysQuery extends Query<{ items: ApiKeyListing[] }> {
  constructor(
    readonly partnerId: string | undefined,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
