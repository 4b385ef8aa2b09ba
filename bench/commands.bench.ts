/**
 * Command throughput: 32 concurrent callers, each driving its own partners through a realistic
 * life (select, manager, onboard, enable, leads, commissions, payouts) via the CommandBus, against
 * PostgreSQL and the embedded PGlite store. Prints commands/s (median of 5 runs) and p99 latency.
 * Then the same life over HTTP on PostgreSQL, with authentication (an API key per request) and
 * without it, alternating run by run, to show what authentication costs.
 *
 *   npm run bench:commands            (BENCH_COMMANDS=<per run>, BENCH_RUNS=<runs> to change the size)
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { createSqlEventStore } from '@partnerships/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../apps/api/src/app.module';
import { systemContext } from '@partnerships/event-store';
import { loadConfig } from '@partnerships/config';
import type { PartnershipCommand } from '@partnerships/domain';
import { AssignManagerCommand } from '../apps/api/src/partners/assign-manager/assign-manager.command';
import { RunPartnershipCommand } from '../apps/api/src/partners/shared/run-partnership-command';
import { RunTeammateCommand } from '../apps/api/src/teammates/shared/run-teammate-command';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';
import { ApiKeySecretStore, CredentialDirectory } from '@partnerships/access';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import { Pool } from 'undici';
import { startApiServer } from './support/api-server.process';

const CALLERS = 32;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COMMANDS_PER_RUN = Number(process.env.BENCH_COMMANDS ?? 20_000);
/** Only the profile wants to run one store; the figures always come from both in one run. */
const STORES = (process.env.BENCH_STORES ?? 'postgres,pglite,http').split(',');

type Step = (partnerId: string, bus: CommandBus) => Promise<unknown>;

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A partnership command as the controllers put it on the bus, at the time it is sent. */
function run(bus: CommandBus, command: (now: Date) => PartnershipCommand): Promise<unknown> {
  const context = systemContext();
  return bus.execute(new RunPartnershipCommand(command(context.occurredAt), context));
}

/** One partner's life: 14 commands, the mix a live program sees. */
const LIFE: readonly Step[] = [
  (p, bus) =>
    run(bus, (now) => ({
      type: 'SelectPartner',
      data: { partnerId: p, name: `Partner ${p}`, contactName: null, contactEmail: `${p}@bench.example`, type: 'reseller', tier: null, reason: null },
      metadata: { now },
    })),
  (p, bus) => bus.execute(new AssignManagerCommand(p, 'bench-manager', systemContext())),
  (p, bus) => run(bus, (now) => ({ type: 'OnboardPartner', data: { partnerId: p, notes: null }, metadata: { now } })),
  (p, bus) => run(bus, (now) => ({ type: 'EnablePartner', data: { partnerId: p, notes: null }, metadata: { now } })),
  ...[1, 2, 3, 4].map<Step>((n) => (p, bus) =>
    run(bus, (now) => ({
      type: 'ReferLead',
      data: { partnerId: p, leadId: `l${n}`, customerName: `Customer ${n}`, customerEmail: null, estimatedValue: usd(100_000) },
      metadata: { now },
    })),
  ),
  ...[1, 2, 3, 4].map<Step>((n) => (p, bus) =>
    run(bus, (now) => ({
      type: 'EarnCommission',
      data: { partnerId: p, commissionId: `c${n}`, customerId: `cust${n}`, saleAmount: usd(50_000 * n), commissionAmount: usd(5_000 * n), leadId: `l${n}` },
      metadata: { now },
    })),
  ),
  ...[1, 2].map<Step>((n) => (p, bus) => run(bus, (now) => ({ type: 'PayOutCommission', data: { partnerId: p, commissionId: `c${n}` }, metadata: { now } }))),
];

interface RunResult {
  readonly commandsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function runOnce(bus: CommandBus, run: number): Promise<RunResult> {
  const latencies: number[] = [];
  let issued = 0;
  const caller = async (callerIndex: number) => {
    for (let partner = 0; ; partner++) {
      const partnerId = `r${run}-c${callerIndex}-p${partner}`;
      for (const step of LIFE) {
        if (issued >= COMMANDS_PER_RUN) return;
        issued++;
        const started = performance.now();
        await step(partnerId, bus);
        latencies.push(performance.now() - started);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, (_, i) => caller(i)));
  const seconds = (performance.now() - started) / 1000;
  return { commandsPerSecond: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function benchStore(label: string, opened: Awaited<ReturnType<typeof createSqlEventStore>>) {
  const app = await NestFactory.createApplicationContext(
    // The command path alone: the projections, which `npm start` runs beside it, are left out.
    AppModule.forRoot({ config: loadConfig({ LOG_LEVEL: 'silent' }), store: { ...opened, logClient: opened.client, close: () => opened.store.close() }, projections: false }),
    { logger: false },
  );
  const bus = app.get(CommandBus);
  const context = systemContext();
  await bus.execute(
    new RunTeammateCommand(
      {
        type: 'AddTeammate',
        data: { teammateId: 'bench-manager', name: 'Bench Manager', email: 'm@bench.example', role: 'teammate', actorRole: 'owner' },
        metadata: { now: context.occurredAt },
      },
      context,
    ),
  );
  await runOnce(bus, -1); // warm-up: JIT, connection pool, caches
  const runs: RunResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await runOnce(bus, run);
    runs.push(result);
    console.log(`  ${label} run ${run + 1}/${RUNS}: ${result.commandsPerSecond.toFixed(0)} commands/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
  }
  await app.close();
  return {
    commandsPerSecondMedian: Math.round(median(runs.map((r) => r.commandsPerSecond))),
    p50MsMedian: Number(median(runs.map((r) => r.p50Ms)).toFixed(2)),
    p99MsMedian: Number(median(runs.map((r) => r.p99Ms)).toFixed(2)),
    runs,
  };
}

/** The same life over HTTP: method, path and body of each step. */
type HttpStep = (partnerId: string) => readonly [method: string, path: string, body: unknown];

const HTTP_LIFE: readonly HttpStep[] = [
  (p) => ['POST', '/v1/partners', { partnerId: p, name: `Partner ${p}`, contactEmail: `${p}@bench.example`, type: 'reseller' }],
  (p) => ['PUT', `/v1/partners/${p}/manager`, { managerId: 'bench-manager' }],
  (p) => ['POST', `/v1/partners/${p}/onboard`, {}],
  (p) => ['POST', `/v1/partners/${p}/enable`, {}],
  ...[1, 2, 3, 4].map<HttpStep>((n) => (p) => ['POST', `/v1/partners/${p}/leads`, { leadId: `l${n}`, customerName: `Customer ${n}`, estimatedValue: usd(100_000) }]),
  ...[1, 2, 3, 4].map<HttpStep>((n) => (p) => [
    'POST',
    `/v1/partners/${p}/commissions`,
    { commissionId: `c${n}`, customerId: `cust${n}`, saleAmount: usd(50_000 * n), commissionAmount: usd(5_000 * n), leadId: `l${n}` },
  ]),
  ...[1, 2].map<HttpStep>((n) => (p) => ['POST', `/v1/partners/${p}/commissions/c${n}/payout`, {}]),
];

const HTTP_OWNER_KEY = 'bench-owner-key-0123456789abcdef';

async function runHttpOnce(pool: Pool, headers: Record<string, string>, run: string): Promise<RunResult> {
  const latencies: number[] = [];
  let issued = 0;
  const caller = async (callerIndex: number) => {
    for (let partner = 0; ; partner++) {
      const partnerId = `h${run}-c${callerIndex}-p${partner}`;
      for (const step of HTTP_LIFE) {
        if (issued >= COMMANDS_PER_RUN) return;
        issued++;
        const [method, path, body] = step(partnerId);
        const started = performance.now();
        const response = await pool.request({ method: method as 'POST', path, headers, body: JSON.stringify(body) });
        await response.body.dump();
        if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode}`);
        latencies.push(performance.now() - started);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, (_, i) => caller(i)));
  const seconds = (performance.now() - started) / 1000;
  return { commandsPerSecond: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/**
 * Commands over HTTP on PostgreSQL, two servers (processes of their own) on one store: one with
 * the access guard (every request carries an API key), one with a guard that checks nothing.
 * Runs alternate between them, so that drift on the machine falls on both.
 */
async function benchHttpAuthentication() {
  const schema = `bench_http_${Date.now()}`;
  const opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema });
  const serverEnv = { BENCH_DATABASE_URL, BENCH_SCHEMA: schema, BENCH_OWNER_KEY: HTTP_OWNER_KEY };
  // One at a time: both apply the store's migrations and the owner bootstrap at start-up.
  const authenticated = await startApiServer({ ...serverEnv, BENCH_AUTHENTICATION: 'on' });
  const unchecked = await startApiServer({ ...serverEnv, BENCH_AUTHENTICATION: 'off' });
  // One keep-alive connection per caller, as a service calling the API would hold.
  const sides = {
    on: { pool: new Pool(authenticated.url, { connections: CALLERS }), headers: { 'content-type': 'application/json', authorization: `Bearer ${HTTP_OWNER_KEY}` } },
    off: { pool: new Pool(unchecked.url, { connections: CALLERS }), headers: { 'content-type': 'application/json' } },
  };
  const added = await sides.on.pool.request({
    method: 'POST',
    path: '/v1/teammates',
    headers: sides.on.headers,
    body: JSON.stringify({ teammateId: 'bench-manager', name: 'Bench Manager', email: 'm@bench.example', role: 'teammate' }),
  });
  await added.body.dump();
  await runHttpOnce(sides.on.pool, sides.on.headers, 'warm-on');
  await runHttpOnce(sides.off.pool, sides.off.headers, 'warm-off');
  const runs: Record<'on' | 'off', RunResult[]> = { on: [], off: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const side of run % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      const result = await runHttpOnce(sides[side].pool, sides[side].headers, `${side}${run}`);
      runs[side].push(result);
      console.log(`  HTTP, authentication ${side}, run ${run + 1}/${RUNS}: ${result.commandsPerSecond.toFixed(0)} commands/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
    }
  }
  const checkMicroseconds = await timeAuthentication(opened);
  console.log(`  authentication alone (hash, cached key, role): ${checkMicroseconds.toFixed(2)} µs per request`);
  await sides.on.pool.close();
  await sides.off.pool.close();
  await authenticated.stop();
  await unchecked.stop();
  await opened.client.query(`drop schema ${schema} cascade`);
  await opened.store.close();
  const summary = (results: RunResult[]) => ({
    commandsPerSecondMedian: Math.round(median(results.map((r) => r.commandsPerSecond))),
    p50MsMedian: Number(median(results.map((r) => r.p50Ms)).toFixed(2)),
    p99MsMedian: Number(median(results.map((r) => r.p99Ms)).toFixed(2)),
    runs: results,
  });
  const on = summary(runs.on);
  const off = summary(runs.off);
  return {
    authenticationOn: on,
    authenticationOff: off,
    ratioOnToOff: Number((on.commandsPerSecondMedian / off.commandsPerSecondMedian).toFixed(3)),
    // Each run's ratio to the run of the other side next to it: drift on the machine falls on both.
    pairedRatioMedian: Number(median(runs.on.map((result, i) => result.commandsPerSecond / runs.off[i].commandsPerSecond)).toFixed(3)),
    authenticationMicrosecondsPerRequest: Number(checkMicroseconds.toFixed(2)),
  };
}

/**
 * The part of a request that authentication adds, without the noise of a whole HTTP run: the
 * credential directory's answer for the owner key, as the guard asks it on every request.
 */
async function timeAuthentication(opened: { store: EventStore; client: SqlClient }): Promise<number> {
  const directory = new CredentialDirectory(opened.store, new ApiKeySecretStore(opened.client));
  const checks = 200_000;
  await directory.authenticate(HTTP_OWNER_KEY);
  const started = process.hrtime.bigint();
  for (let i = 0; i < checks; i++) {
    const result = await directory.authenticate(HTTP_OWNER_KEY);
    if (!('principal' in result)) throw new Error('the owner key did not authenticate');
  }
  return Number(process.hrtime.bigint() - started) / 1_000 / checks;
}

async function benchPostgres() {
  const schema = `bench_${Date.now()}`;
  const postgres = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema });
  const result = await benchStore('PostgreSQL', postgres);
  await postgres.client.query(`drop schema ${schema} cascade`);
  await postgres.store.close(); // closes its client too
  return result;
}

async function benchPglite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  const pglite = await createSqlEventStore({ dataDir });
  const result = await benchStore('PGlite (on disk)', pglite);
  await pglite.store.close();
  rmSync(dataDir, { recursive: true, force: true });
  return result;
}

async function main(): Promise<void> {
  console.log(`bench:commands — ${CALLERS} callers, ${COMMANDS_PER_RUN} commands per run, ${RUNS} runs per store`);
  const postgresResult = STORES.includes('postgres') ? await benchPostgres() : null;
  const pgliteResult = STORES.includes('pglite') ? await benchPglite() : null;
  const http = STORES.includes('http') ? await benchHttpAuthentication() : null;

  console.log('\nstore        commands/s (median)   p50 ms   p99 ms');
  for (const [label, result] of [['PostgreSQL', postgresResult], ['PGlite    ', pgliteResult]] as const) {
    if (result) console.log(`${label}   ${String(result.commandsPerSecondMedian).padEnd(21)} ${String(result.p50MsMedian).padEnd(8)} ${result.p99MsMedian}`);
  }
  const ratioPostgresToPglite =
    postgresResult && pgliteResult ? Number((postgresResult.commandsPerSecondMedian / pgliteResult.commandsPerSecondMedian).toFixed(2)) : null;
  if (ratioPostgresToPglite !== null) console.log(`ratio PostgreSQL / PGlite: ${ratioPostgresToPglite}`);
  if (http) {
    console.log(`HTTP on PostgreSQL, authentication on: ${http.authenticationOn.commandsPerSecondMedian} commands/s (p99 ${http.authenticationOn.p99MsMedian} ms)`);
    console.log(`HTTP on PostgreSQL, authentication off: ${http.authenticationOff.commandsPerSecondMedian} commands/s (p99 ${http.authenticationOff.p99MsMedian} ms)`);
    console.log(
      `ratio on / off: ${http.ratioOnToOff} (median of the paired runs' ratios: ${http.pairedRatioMedian}); authentication alone ${http.authenticationMicrosecondsPerRequest} µs per request`,
    );
  }
  // Only a complete run replaces the figures kept in the repository.
  if (!postgresResult || !pgliteResult || !http) return;
  const results = {
    benchmark: 'commands',
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    callers: CALLERS,
    commandsPerRun: COMMANDS_PER_RUN,
    runs: RUNS,
    postgres: postgresResult,
    pglite: pgliteResult,
    ratioPostgresToPglite,
    httpOnPostgres: http,
  };
  console.log(`saved ${saveResults('commands', results)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
