import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { ID_MESSAGE, ID_REGEX } from '../../http/field-limits';

export const MAX_BULK_PARTNERS = 1000;

export class BulkAssignManagersDto extends CommandBodyDto {
  @ApiProperty({ type: [String], example: ['acme', 'globex'], maxItems: MAX_BULK_PARTNERS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_PARTNERS)
  @ArrayUnique()
  @Matches(ID_REGEX, { each: true, message: ID_MESSAGE })
  readonly partnerIds!: string[];

  @ApiProperty({ example: 'alice' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly managerId!: string;
}
