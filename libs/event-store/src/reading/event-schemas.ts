/*
 * The published JSON Schemas of docs/events/schemas, imported so that what the catalog promises
 * consumers is exactly what the decoder enforces (the build carries them into dist).
 */
import apiKeyIssuedV1 from '../../../../docs/events/schemas/ApiKeyIssued.v1.json';
import apiKeyRevokedV1 from '../../../../docs/events/schemas/ApiKeyRevoked.v1.json';
import commissionEarnedV1 from '../../../../docs/events/schemas/CommissionEarned.v1.json';
import commissionPaidOutV1 from '../../../../docs/events/schemas/CommissionPaidOut.v1.json';
import commissionReversedV1 from '../../../../docs/events/schemas/CommissionReversed.v1.json';
import invoiceIssuedV1 from '../../../../docs/events/schemas/InvoiceIssued.v1.json';
import invoiceSettledV1 from '../../../../docs/events/schemas/InvoiceSettled.v1.json';
import leadReferredV1 from '../../../../docs/events/schemas/LeadReferred.v1.json';
import mdfDeliverableReceivedV1 from '../../../../docs/events/schemas/MdfDeliverableReceived.v1.json';
import mdfPaidOutV1 from '../../../../docs/events/schemas/MdfPaidOut.v1.json';
import partnerEnabledV1 from '../../../../docs/events/schemas/PartnerEnabled.v1.json';
import partnerManagerReassignedV1 from '../../../../docs/events/schemas/PartnerManagerReassigned.v1.json';
import partnerOffboardedV1 from '../../../../docs/events/schemas/PartnerOffboarded.v1.json';
import partnerOnboardedV1 from '../../../../docs/events/schemas/PartnerOnboarded.v1.json';
import partnerSelectedV1 from '../../../../docs/events/schemas/PartnerSelected.v1.json';
import partnerTierChangedV1 from '../../../../docs/events/schemas/PartnerTierChanged.v1.json';
import teammateAddedV1 from '../../../../docs/events/schemas/TeammateAdded.v1.json';
import teammateRemovedV1 from '../../../../docs/events/schemas/TeammateRemoved.v1.json';
import teammateRoleChangedV1 from '../../../../docs/events/schemas/TeammateRoleChanged.v1.json';
import webhookDeletedV1 from '../../../../docs/events/schemas/WebhookDeleted.v1.json';
import webhookDisabledV1 from '../../../../docs/events/schemas/WebhookDisabled.v1.json';
import webhookEnabledV1 from '../../../../docs/events/schemas/WebhookEnabled.v1.json';
import webhookRegisteredV1 from '../../../../docs/events/schemas/WebhookRegistered.v1.json';
import webhookSecretRotatedV1 from '../../../../docs/events/schemas/WebhookSecretRotated.v1.json';
import webhookUpdatedV1 from '../../../../docs/events/schemas/WebhookUpdated.v1.json';

/** Every schema, by event type and schema version. */
export const EVENT_SCHEMAS: Readonly<Record<string, Readonly<Record<number, object>>>> = {
  ApiKeyIssued: { 1: apiKeyIssuedV1 },
  ApiKeyRevoked: { 1: apiKeyRevokedV1 },
  CommissionEarned: { 1: commissionEarnedV1 },
  CommissionPaidOut: { 1: commissionPaidOutV1 },
  CommissionReversed: { 1: commissionReversedV1 },
  InvoiceIssued: { 1: invoiceIssuedV1 },
  InvoiceSettled: { 1: invoiceSettledV1 },
  LeadReferred: { 1: leadReferredV1 },
  MdfDeliverableReceived: { 1: mdfDeliverableReceivedV1 },
  MdfPaidOut: { 1: mdfPaidOutV1 },
  PartnerEnabled: { 1: partnerEnabledV1 },
  PartnerManagerReassigned: { 1: partnerManagerReassignedV1 },
  PartnerOffboarded: { 1: partnerOffboardedV1 },
  PartnerOnboarded: { 1: partnerOnboardedV1 },
  PartnerSelected: { 1: partnerSelectedV1 },
  PartnerTierChanged: { 1: partnerTierChangedV1 },
  TeammateAdded: { 1: teammateAddedV1 },
  TeammateRemoved: { 1: teammateRemovedV1 },
  TeammateRoleChanged: { 1: teammateRoleChangedV1 },
  WebhookDeleted: { 1: webhookDeletedV1 },
  WebhookDisabled: { 1: webhookDisabledV1 },
  WebhookEnabled: { 1: webhookEnabledV1 },
  WebhookRegistered: { 1: webhookRegisteredV1 },
  WebhookSecretRotated: { 1: webhookSecretRotatedV1 },
  WebhookUpdated: { 1: webhookUpdatedV1 },
};
