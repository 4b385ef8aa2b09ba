import { loadAnalyticsConsumerConfig } from './analytics-consumer.config';

const required = { DATABASE_URL: 'postgres://root@127.0.0.1:5432/test', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('the analytics consumer configuration', () => {
  it('consumes partnerships.events as group partnerships-analytics by default', () => {
    expect(loadAnalyticsConsumerConfig(required)).toMatchObject({
      databaseUrl: required.DATABASE_URL,
      groupId: 'partnerships-analytics',
      kafka: { brokers: ['127.0.0.1:9092'], topic: 'partnerships.events' },
    });
  });

  it('takes the group from KAFKA_GROUP_ID', () => {
    expect(loadAnalyticsConsumerConfig({ ...required, KAFKA_GROUP_ID: 'analytics-eu' }).groupId).toBe('analytics-eu');
  });

  it.each([
    [{ KAFKA_BROKERS: '127.0.0.1:9092' }, /^DATABASE_URL is required/],
    [{ DATABASE_URL: required.DATABASE_URL }, /^KAFKA_BROKERS is required/],
    [{ ...required, KAFKA_GROUP_ID: 'a group' }, /^KAFKA_GROUP_ID must be/],
    [{ ...required, DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL must start with postgres/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadAnalyticsConsumerConfig(env)).toThrow(message);
  });
});
