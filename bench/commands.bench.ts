/**
 * Command throughput: 32 concurrent callers, each driving its own partners through a realistic
 * life (select, manager, onboard, enable, leads, commissions, payouts) via the CommandBus, against
 * PostgreSQL and the embedded PGlite store. Prints commands/s (median of 5 runs) and p99 latency.
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
import { systemContext } from '../apps/api/src/command-handling/command-context';
import { loadConfig } from '@partnerships/config';
import { AssignManagerCommand } from '../apps/api/src/partners/assign-manager/assign-manager.command';
import { EarnCommissionCommand } from '../apps/api/src/partners/earn-commission/earn-commission.command';
import { EnablePartnerCommand } from '../apps/api/src/partners/enable-partner/enable-partner.command';
import { OnboardPartnerCommand } from '../apps/api/src/partners/onboard-partner/onboard-partner.command';
import { PayOutCommissionCommand } from '../apps/api/src/partners/pay-out-commission/pay-out-commission.command';
import { ReferLeadCommand } from '../apps/api/src/partners/refer-lead/refer-lead.command';
import { SelectPartnerCommand } from '../apps/api/src/partners/select-partner/select-partner.command';
import { AddTeammateCommand } from '../apps/api/src/teammates/add-teammate/add-teammate.command';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';

const CALLERS = 32;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COMMANDS_PER_RUN = Number(process.env.BENCH_COMMANDS ?? 20_000);
/** Only the profile wants to run one store; the figures always come from both in one run. */
const STORES = (process.env.BENCH_STORES ?? 'postgres,pglite').split(',');

type Step = (partnerId: string, bus: CommandBus) => Promise<unknown>;

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** One partner's life: 14 commands, the mix a live program sees. */
const LIFE: readonly Step[] = [
  (p, bus) => bus.execute(new SelectPartnerCommand({ partnerId: p, name: `Partner ${p}`, contactName: null, contactEmail: `${p}@bench.example`, type: 'reseller', tier: null, reason: null }, systemContext())),
  (p, bus) => bus.execute(new AssignManagerCommand(p, 'bench-manager', systemContext())),
  (p, bus) => bus.execute(new OnboardPartnerCommand(p, null, systemContext())),
  (p, bus) => bus.execute(new EnablePartnerCommand(p, null, systemContext())),
  ...[1, 2, 3, 4].map<Step>((n) => (p, bus) => bus.execute(new ReferLeadCommand({ partnerId: p, leadId: `l${n}`, customerName: `Customer ${n}`, customerEmail: null, estimatedValue: usd(100_000) }, systemContext()))),
  ...[1, 2, 3, 4].map<Step>((n) => (p, bus) => bus.execute(new EarnCommissionCommand({ partnerId: p, commissionId: `c${n}`, customerId: `cust${n}`, saleAmount: usd(50_000 * n), commissionAmount: usd(5_000 * n), leadId: `l${n}` }, systemContext()))),
  ...[1, 2].map<Step>((n) => (p, bus) => bus.execute(new PayOutCommissionCommand(p, `c${n}`, systemContext()))),
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
  await bus.execute(new AddTeammateCommand({ teammateId: 'bench-manager', name: 'Bench Manager', email: 'm@bench.example', role: 'teammate' }, systemContext()));
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
  if (!postgresResult || !pgliteResult) return;

  const results = {
    benchmark: 'commands',
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    callers: CALLERS,
    commandsPerRun: COMMANDS_PER_RUN,
    runs: RUNS,
    postgres: postgresResult,
    pglite: pgliteResult,
    ratioPostgresToPglite: Number((postgresResult.commandsPerSecondMedian / pgliteResult.commandsPerSecondMedian).toFixed(2)),
  };
  console.log('\nstore        commands/s (median)   p50 ms   p99 ms');
  console.log(`PostgreSQL   ${String(postgresResult.commandsPerSecondMedian).padEnd(21)} ${String(postgresResult.p50MsMedian).padEnd(8)} ${postgresResult.p99MsMedian}`);
  console.log(`PGlite       ${String(pgliteResult.commandsPerSecondMedian).padEnd(21)} ${String(pgliteResult.p50MsMedian).padEnd(8)} ${pgliteResult.p99MsMedian}`);
  console.log(`ratio PostgreSQL / PGlite: ${results.ratioPostgresToPglite}`);
  console.log(`saved ${saveResults('commands', results)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
