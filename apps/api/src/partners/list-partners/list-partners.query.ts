import { Query } from '@nestjs/cqrs';
import type { ListAllPartnersOptions } from '@partnerships/projections';
import type { JsonText } from '../../read-models/read-model-cache';

/** Answers the page serialized (an `AllPartnersPage`), as the read-model cache keeps it. */
export class ListPartnersQuery extends Query<JsonText> {
  constructor(
    readonly options: ListAllPartnersOptions,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
