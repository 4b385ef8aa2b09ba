import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListDeliveriesQueryParams {
  @ApiPropertyOptional({ enum: ['pending', 'delivered'], description: 'pending: waiting or being retried' })
  @IsOptional()
  @IsIn(['pending', 'delivered'])
  readonly status?: 'pending' | 'delivered';

  @ApiPropertyOptional({ description: 'A deliveryId: the page starts after it (the `next` of the previous page)' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'after must be a delivery number' })
  readonly after?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  readonly limit?: number;
}
