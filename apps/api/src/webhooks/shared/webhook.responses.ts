import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the webhook answers (the handlers return plain objects of these shapes). */
export class WebhookResponse {
  @ApiProperty({ example: 'wh_Q2v9xk1LmT0a' }) readonly webhookId!: string;
  @ApiProperty({ example: 'https://crm.example.com/hooks/partnerships' }) readonly url!: string;
  @ApiProperty({ example: ['*'] }) readonly eventTypes!: string[];
  @ApiProperty({ example: 'CRM sync', nullable: true }) readonly description!: string | null;
  @ApiProperty({ enum: ['enabled', 'disabled'] }) readonly status!: string;
  @ApiProperty({ nullable: true, example: { cause: 'failing', reason: 'delivery 12 failed past the retry limit; last: HTTP 500' } })
  readonly disabled!: { cause: string; reason: string | null } | null;
  @ApiProperty() readonly createdAt!: string;
  @ApiProperty({ example: 'alice' }) readonly createdBy!: string;
  @ApiProperty() readonly updatedAt!: string;
  @ApiProperty({ nullable: true, description: 'Until then the secret replaced by the last rotation signs too' }) readonly previousSecretExpiresAt!: string | null;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) readonly items!: WebhookResponse[];
}

export class RegisteredWebhookResponse {
  @ApiProperty({ example: 'wh_Q2v9xk1LmT0a' }) readonly webhookId!: string;
  @ApiProperty({ example: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', description: 'Shown in this answer only' }) readonly secret!: string;
  @ApiProperty() readonly url!: string;
  @ApiProperty() readonly eventTypes!: string[];
  @ApiProperty({ nullable: true }) readonly description!: string | null;
  @ApiProperty({ example: 'enabled' }) readonly status!: string;
  @ApiProperty({ nullable: true }) readonly position!: string | null;
}

export class WebhookCommandResponse {
  @ApiProperty({ example: 'wh_Q2v9xk1LmT0a' }) readonly webhookId!: string;
  @ApiProperty({ example: 2 }) readonly version!: number;
  @ApiProperty({ nullable: true }) readonly position!: string | null;
}

export class RotatedSecretResponse {
  @ApiProperty() readonly webhookId!: string;
  @ApiProperty({ description: 'The new secret, shown in this answer only' }) readonly secret!: string;
  @ApiProperty({ description: 'The previous secret signs beside the new one until then' }) readonly previousSecretExpiresAt!: string;
  @ApiProperty({ nullable: true }) readonly position!: string | null;
}

export class AttemptResponse {
  @ApiProperty() readonly attemptedAt!: string;
  @ApiProperty({ nullable: true, example: 200 }) readonly status!: number | null;
  @ApiProperty({ example: 42 }) readonly latencyMs!: number;
  @ApiProperty({ nullable: true, description: 'The first bytes of the answer' }) readonly answer!: string | null;
  @ApiProperty({ nullable: true, description: 'Why no answer came (timeout, connection refused, address refused)' }) readonly error!: string | null;
}

export class DeliveryResponse {
  @ApiProperty({ example: '12' }) readonly deliveryId!: string;
  @ApiProperty({ description: 'The event id: the webhook-id header of every attempt' }) readonly eventId!: string;
  @ApiProperty({ example: 'LeadReferred' }) readonly eventType!: string;
  @ApiProperty() readonly position!: string;
  @ApiProperty({ example: 'partnership-acme', description: "Deliveries of one key go out one at a time, in log order" }) readonly orderingKey!: string;
  @ApiProperty({ enum: ['pending', 'delivered'] }) readonly status!: string;
  @ApiProperty({ type: [AttemptResponse] }) readonly attempts!: AttemptResponse[];
  @ApiProperty() readonly createdAt!: string;
  @ApiProperty({ nullable: true }) readonly deliveredAt!: string | null;
  @ApiProperty({ nullable: true }) readonly nextAttemptAt!: string | null;
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) readonly items!: DeliveryResponse[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `after` for the next page; null on the last' }) readonly next!: string | null;
}

export class PingResponse {
  @ApiProperty({ description: 'The ping event id (webhook-id header)' }) readonly id!: string;
  @ApiProperty() readonly delivered!: boolean;
  @ApiProperty({ nullable: true }) readonly status!: number | null;
  @ApiProperty() readonly latencyMs!: number;
  @ApiPropertyOptional() readonly answer?: string;
  @ApiPropertyOptional() readonly error?: string;
}

export class ReplayResponse {
  @ApiProperty() readonly webhookId!: string;
  @ApiProperty({ nullable: true, description: 'Deliveries restart after this log position (null: the log\'s start)' }) readonly after!: string | null;
}
