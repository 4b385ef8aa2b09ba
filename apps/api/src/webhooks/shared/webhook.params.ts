import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ID_MESSAGE, ID_REGEX } from '../../http/field-limits';

export class WebhookParams {
  @ApiProperty({ example: 'wh_Q2v9xk1LmT0a' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly id!: string;
}

export class DeliveryParams extends WebhookParams {
  @ApiProperty({ example: '12' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'deliveryId must be a delivery number' })
  readonly deliveryId!: string;
}
