import type { SqlClient } from '@partnerships/event-store';
import { isDomainDelivery, type DeliveredEvent } from '@partnerships/messaging';
import { DAILY_ACTIVITY_TABLE, DAILY_COMMISSIONS_TABLE } from './analytics.migration';

/*
 * The analytics read model, per UTC business day (`ce_time`, the event's occurredAt, so imported
 * history lands on its own day):
 * - analytics_daily_activity: events per day and event type;
 * - analytics_daily_commissions: commissions earned per day and currency, with their commission and
 *   sale amounts in minor units (gross: a later reversal or payout does not change them).
 * Plain increments are right because the consumer calls this once per event id, inside the
 * transaction that also marks the event processed.
 */

export async function applyToDailyAnalytics(event: DeliveredEvent, tx: SqlClient): Promise<void> {
  await tx.query(
    `INSERT INTO ${DAILY_ACTIVITY_TABLE} (day, event_type, events)
     VALUES (($1::timestamptz AT TIME ZONE 'UTC')::date, $2, 1)
     ON CONFLICT (day, event_type) DO UPDATE SET events = ${DAILY_ACTIVITY_TABLE}.events + 1`,
    [event.time, event.type],
  );
  if (!isDomainDelivery(event) || event.type !== 'CommissionEarned') return;
  // The domain refuses a commission in another currency than its sale.
  const { commissionAmount: commission, saleAmount: sale } = event.data;
  await tx.query(
    `INSERT INTO ${DAILY_COMMISSIONS_TABLE} (day, currency, commissions, commission_minor, sale_minor)
     VALUES (($1::timestamptz AT TIME ZONE 'UTC')::date, $2, 1, $3::bigint, $4::bigint)
     ON CONFLICT (day, currency) DO UPDATE SET
       commissions = ${DAILY_COMMISSIONS_TABLE}.commissions + 1,
       commission_minor = ${DAILY_COMMISSIONS_TABLE}.commission_minor + EXCLUDED.commission_minor,
       sale_minor = ${DAILY_COMMISSIONS_TABLE}.sale_minor + EXCLUDED.sale_minor`,
    [event.time, commission.currency, String(commission.amountMinor), String(sale.amountMinor)],
  );
}
