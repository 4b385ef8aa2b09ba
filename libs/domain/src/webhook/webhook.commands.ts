import type { Command } from '../shared/command';

export type RegisterWebhook = Command<
  'RegisterWebhook',
  {
    readonly webhookId: string;
    /** Already checked against the address policy by the caller (it needs DNS, the domain does not). */
    readonly url: string;
    readonly eventTypes: readonly string[];
    readonly description?: string | null;
  }
>;

/** Only the fields given change; `enabled` turns deliveries on or off. */
export type UpdateWebhook = Command<
  'UpdateWebhook',
  {
    readonly webhookId: string;
    readonly url?: string;
    readonly eventTypes?: readonly string[];
    readonly description?: string | null;
    readonly enabled?: boolean;
    readonly reason?: string | null;
  }
>;

/** The delivery worker gives up on an endpoint whose delivery failed past the retry limit. */
export type DisableFailingWebhook = Command<'DisableFailingWebhook', { readonly webhookId: string; readonly reason: string }>;

export type RotateWebhookSecret = Command<
  'RotateWebhookSecret',
  {
    readonly webhookId: string;
    /** How long the previous secret keeps signing beside the new one. */
    readonly overlapMs: number;
  }
>;

export type DeleteWebhook = Command<'DeleteWebhook', { readonly webhookId: string }>;

export type WebhookCommand = RegisterWebhook | UpdateWebhook | DisableFailingWebhook | RotateWebhookSecret | DeleteWebhook;

export type WebhookCommandType = WebhookCommand['type'];
