import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ID_MESSAGE, ID_REGEX } from './field-limits';

export class PartnerParams {
  @ApiProperty({ example: 'acme' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly id!: string;
}

export class CommissionParams extends PartnerParams {
  @ApiProperty({ example: 'c-1001' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly cid!: string;
}

export class InvoiceParams extends PartnerParams {
  @ApiProperty({ example: 'inv-7' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly iid!: string;
}

export class MdfParams extends PartnerParams {
  @ApiProperty({ example: 'mdf-3' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly mid!: string;
}

export class TeammateParams {
  @ApiProperty({ example: 'alice' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly id!: string;
}
