import { createSqlClient, type SqlClient } from '@partnerships/event-store';
import { postgresTestSchema } from '@partnerships/event-store/testing';
import { createKafkaClient } from '@partnerships/messaging';
import { readWholeTopic, testKafkaBrokers } from '@partnerships/messaging/testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partnerctl } from '../../cli/test/support/partnerctl.process';
import { freePort, startApiProcess, type ApiProcess } from './support/api-process';

const OWNER_SECRET = `owner-secret-${randomUUID()}`;

/**
 * Secrets and their hashes appear nowhere but in the answer that issued them and the secrets
 * tables (webhook secrets there only encrypted): not in the process's logs at the most talkative level, not in the log served over
 * HTTP, not in an export, not on Kafka. Searched for as raw text in every output.
 */
describe('API key and webhook secrets outside the one answer that shows them', () => {
  const schema = postgresTestSchema('secrets');
  const topic = `secrets-${randomUUID()}`;
  const kafka = createKafkaClient({ brokers: testKafkaBrokers(), clientId: 'secrets-spec' });
  const exportDir = mkdtempSync(join(tmpdir(), 'secrets-export-'));
  let api: ApiProcess;
  let client: SqlClient;

  beforeAll(async () => {
    api = await startApiProcess({
      DATABASE_URL: schema.databaseUrl,
      DATABASE_SCHEMA: schema.schema,
      PORT: String(await freePort()),
      LOG_LEVEL: 'trace',
      AUTH_BOOTSTRAP_KEY: OWNER_SECRET,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC: topic,
      // Webhooks to a port of 127.0.0.1 where nothing listens: deliveries fail, nothing leaves the machine.
      WEBHOOKS_ALLOW_HTTP: '1',
      WEBHOOKS_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOKS_SECRET_KEY: Buffer.alloc(32, 0x33).toString('base64'),
    });
    client = await createSqlClient({ databaseUrl: schema.databaseUrl, schema: schema.schema });
  });
  afterAll(async () => {
    await api.stop();
    await client.close();
    await schema.drop();
    rmSync(exportDir, { recursive: true, force: true });
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('never writes a secret or its hash to the logs, the event log, an export or Kafka', async () => {
    const call = async (method: string, path: string, secret: string, body?: unknown) => {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await call('POST', '/v1/teammates', OWNER_SECRET, { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'admin' })).status).toBe(201);
    expect((await call('POST', '/v1/partners', OWNER_SECRET, { partnerId: 'acme', name: 'Acme', contactEmail: 'a@acme.example', type: 'reseller' })).status).toBe(201);
    const teammateKey = await call('POST', '/v1/api-keys', OWNER_SECRET, { name: 'alice laptop', teammateId: 'alice' });
    const partnerKey = await call('POST', '/v1/partners/acme/api-keys', String(teammateKey.body.secret), { name: 'acme portal' });
    const secrets = [OWNER_SECRET, String(teammateKey.body.secret), String(partnerKey.body.secret)];
    expect(secrets.every((secret) => secret.length >= 24)).toBe(true);
    const webhook = await call('POST', '/v1/webhooks', OWNER_SECRET, { url: `http://127.0.0.1:${await freePort()}/hooks`, eventTypes: ['*'] });
    expect(webhook.status).toBe(201);
    const rotated = await call('POST', `/v1/webhooks/${String(webhook.body.webhookId)}/rotate-secret`, OWNER_SECRET);
    expect(rotated.status).toBe(200);
    const webhookSecrets = [String(webhook.body.secret), String(rotated.body.secret)];
    expect(webhookSecrets.every((secret) => secret.startsWith('whsec_'))).toBe(true);

    expect((await call('GET', '/v1/partners/acme', String(partnerKey.body.secret))).status).toBe(200);
    expect((await call('POST', '/v1/partners/acme/onboard', String(teammateKey.body.secret), {})).status).toBe(200);
    const revoked = await call('DELETE', `/v1/api-keys/${String(partnerKey.body.keyId)}`, OWNER_SECRET);
    expect(revoked.status).toBe(200);
    expect((await call('GET', '/v1/partners/acme', String(partnerKey.body.secret))).status).toBe(401);

    const needles = [
      ...secrets.flatMap((secret) => [secret, createHash('sha256').update(secret).digest('hex')]),
      // A webhook secret's key, written out or in hex, anywhere.
      ...webhookSecrets.flatMap((secret) => [secret.slice('whsec_'.length), Buffer.from(secret.slice('whsec_'.length), 'base64').toString('hex')]),
    ];
    const leaks = (where: string, text: string) => needles.filter((needle) => text.includes(needle)).map((needle) => `${where}: ${needle.slice(0, 12)}…`);

    // Positive control: the hashes are where they belong, so the search would find them.
    const { rows } = await client.query<{ secret_sha256: string }>('SELECT secret_sha256 FROM api_key_secrets');
    expect(leaks('secrets table', JSON.stringify(rows))).toHaveLength(secrets.length);
    // Webhook secrets are kept encrypted: a dump of their table shows neither the key nor its hex.
    const { rows: sealed } = await client.query<{ ciphertext: string }>('SELECT ciphertext FROM webhook_secrets');
    expect(sealed).toHaveLength(2);
    expect(leaks('webhook secrets table', JSON.stringify(sealed))).toEqual([]);

    const pages: string[] = [];
    let after = '';
    for (;;) {
      const page = await call('GET', `/v1/events?limit=50${after}`, OWNER_SECRET);
      pages.push(JSON.stringify(page.body));
      const items = page.body.items as { position: string }[];
      if (items.length < 50) break;
      after = `&after=${items[items.length - 1].position}`;
    }
    const events = pages.join('\n');
    expect(events).toContain('ApiKeyIssued');
    expect(events).toContain('ApiKeyRevoked');

    const exportFile = join(exportDir, 'log.ndjson');
    const exported = await partnerctl(['export', '--out', exportFile], { DATABASE_URL: schema.databaseUrl, DATABASE_SCHEMA: schema.schema });
    expect(exported.code).toBe(0);
    const exportText = readFileSync(exportFile, 'utf8');

    const eventCount = exportText.trim().split('\n').length - 2;
    const records = await readWholeTopic(kafka, topic, eventCount);
    const kafkaText = JSON.stringify(records.map((record) => ({ key: record.key, value: record.value, headers: record.headers })));
    expect(kafkaText).toContain('ApiKeyIssued');

    const logs = api.output();
    expect(logs).toContain('"authorization":"[redacted]"');
    expect([...leaks('logs', logs), ...leaks('/v1/events', events), ...leaks('export', exportText), ...leaks('kafka', kafkaText)]).toEqual([]);
  });
});
