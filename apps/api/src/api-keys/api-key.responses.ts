import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the key answers (the handlers return plain objects of these shapes). */
export class IssuedApiKeyResponse {
  @ApiProperty({ example: 'q7d2kx4mv3ab5c6e' }) readonly keyId!: string;
  @ApiProperty({ example: 'plk_q7d2kx4mv3ab5c6e_…', description: 'Shown this once: only a hash of it is kept' })
  readonly secret!: string;
  @ApiProperty({ example: 'CRM sync' }) readonly name!: string;
  @ApiProperty({ example: 'alice', nullable: true }) readonly teammateId!: string | null;
  @ApiProperty({ example: null, nullable: true }) readonly partnerId!: string | null;
  @ApiProperty({ example: 'teammate', description: "The holder's role now; a teammate key always acts with its teammate's current role" })
  readonly role!: string;
  @ApiProperty({ example: '2026-12-04T10:00:00.000Z' }) readonly createdAt!: string;
  @ApiProperty({ example: null, nullable: true }) readonly expiresAt!: string | null;
  @ApiProperty({ example: '791648371212', nullable: true }) readonly position!: string | null;
}

export class ApiKeyCommandResponse {
  @ApiProperty({ example: 'q7d2kx4mv3ab5c6e' }) readonly keyId!: string;
  @ApiProperty({ example: 2 }) readonly version!: number;
  @ApiProperty({ example: '791648371212', nullable: true }) readonly position!: string | null;
}

export class ApiKeyEntryResponse {
  @ApiProperty() readonly keyId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ nullable: true }) readonly teammateId!: string | null;
  @ApiProperty({ nullable: true }) readonly partnerId!: string | null;
  @ApiProperty({ example: 'admin' }) readonly role!: string;
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) readonly status!: string;
  @ApiProperty() readonly createdAt!: string;
  @ApiProperty({ description: 'Who issued it' }) readonly createdBy!: string;
  @ApiPropertyOptional({ nullable: true }) readonly expiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) readonly revokedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) readonly revokedBy!: string | null;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyEntryResponse] }) readonly items!: ApiKeyEntryResponse[];
}
