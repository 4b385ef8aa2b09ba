import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per application instance, so that several apps in one process (tests, benchmarks) never clash. */
@Injectable()
export class MetricsRegistry extends Registry {
  constructor() {
    super();
    collectDefaultMetrics({ register: this, prefix: 'partnerships_' });
  }
}

export type CommandOutcome = 'written' | 'no_op' | 'replayed' | 'rejected' | 'failed';

@Injectable()
export class CommandMetrics {
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly latency: Histogram<'command'>;
  private readonly retries: Counter<'command'>;

  constructor(registry: MetricsRegistry) {
    this.commands = new Counter({
      name: 'partnerships_commands_total',
      help: 'Commands handled, by command type and outcome',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'partnerships_command_duration_seconds',
      help: 'Time from reading the stream to the append being acknowledged',
      labelNames: ['command'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'partnerships_command_retries_total',
      help: 'Commands decided again after a concurrent write to the same stream',
      labelNames: ['command'],
      registers: [registry],
    });
  }

  record(command: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ command, outcome });
    this.latency.observe({ command }, seconds);
  }

  retried(command: string): void {
    this.retries.inc({ command });
  }
}
