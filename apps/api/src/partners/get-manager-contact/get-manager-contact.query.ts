import { Query } from '@nestjs/cqrs';

export interface ManagerContactAnswer {
  readonly partnerId: string;
  readonly manager: { readonly id: string; readonly name: string; readonly email: string } | null;
}

export class GetManagerContactQuery extends Query<ManagerContactAnswer> {
  constructor(
    readonly partnerId: string,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
