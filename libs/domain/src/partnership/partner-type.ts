export const PARTNER_TYPES = ['referral', 'reseller', 'technology', 'affiliate'] as const;

export type PartnerType = (typeof PARTNER_TYPES)[number];
