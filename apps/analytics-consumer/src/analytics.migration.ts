import type { SqlMigrationSet } from '@partnerships/event-store';

export const DAILY_ACTIVITY_TABLE = 'analytics_daily_activity';
export const DAILY_COMMISSIONS_TABLE = 'analytics_daily_commissions';

/** The analytics read model; its own component, beside the consumer's `processed-events`. */
export const analyticsMigrations: SqlMigrationSet = {
  component: 'analytics-consumer',
  migrations: [
    {
      version: 1,
      name: 'daily-activity-and-commissions',
      sql: `
CREATE TABLE IF NOT EXISTS ${DAILY_ACTIVITY_TABLE} (
  day date NOT NULL,
  event_type text NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (day, event_type)
);
CREATE TABLE IF NOT EXISTS ${DAILY_COMMISSIONS_TABLE} (
  day date NOT NULL,
  currency text NOT NULL,
  commissions integer NOT NULL,
  commission_minor bigint NOT NULL,
  sale_minor bigint NOT NULL,
  PRIMARY KEY (day, currency)
)`,
    },
  ],
};
