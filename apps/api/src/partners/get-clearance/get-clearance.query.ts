import { Query } from '@nestjs/cqrs';
import type { Clearance } from '@partnerships/domain';

export class GetClearanceQuery extends Query<Clearance & { partnerId: string }> {
  constructor(
    readonly partnerId: string,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
