import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shapes of the command answers (the handlers return plain objects of these shapes). */
export class PartnerCommandResponse {
  @ApiProperty({ example: 'acme' }) readonly partnerId!: string;
  @ApiProperty({ example: 7, description: "The stream's version after the command (events counted from 1)" })
  readonly version!: number;
  @ApiProperty({ example: '791648371212', nullable: true, description: 'Opaque global log position of the last event' })
  readonly position!: string | null;
}

export class TeammateCommandResponse {
  @ApiProperty({ example: 'alice' }) readonly teammateId!: string;
  @ApiProperty({ example: 1 }) readonly version!: number;
  @ApiProperty({ example: '791648371212', nullable: true }) readonly position!: string | null;
}
