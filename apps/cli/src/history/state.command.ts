import { AS_OF_BASES, InvalidAsOfError, parseAsOf, partnerAsOf, type AsOfBasis } from '@partnerships/projections';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { stateText } from './history-output';
import { PartnerHistorySource } from './partner-history.source';

interface StateOptions extends JsonOptions {
  readonly asOf?: string;
  readonly by?: string;
}

@Command({
  name: 'state',
  arguments: '<partnerId>',
  argsDescription: { partnerId: 'the partner to show' },
  description:
    "A partner's state as of a moment: status, manager, counts, All Partners money and offboarding clearance, folded from " +
    'the events known (by recorded) or that had happened (by occurred) at that moment; --json gives the document of ' +
    'GET /v1/partners/:id/history?asOf=',
})
export class StateCommand extends CommandRunner {
  constructor(private readonly source: PartnerHistorySource) {
    super();
  }

  override async run([partnerId]: string[], options: StateOptions = {}): Promise<void> {
    const { asOf, by } = usage(options);
    const events = await this.source.read(partnerId, `/v1/partners/${partnerId}/history?asOf=${encodeURIComponent(asOf)}&by=${by}`, true);
    const answer = partnerAsOf({ partnerId, ...events, asOf, by });
    if (options.json) {
      printJson(answer);
      return;
    }
    process.stdout.write(stateText(answer));
  }

  @Option({
    flags: '--as-of <time>',
    description: 'the moment: an ISO 8601 instant with Z or an offset (2026-03-31T12:00:00Z), or a date (2026-03-31: up to the end of that day, UTC); required',
  })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({
    flags: '--by <clock>',
    description: 'recorded (store time: what the system knew then, the default) or occurred (business time: backdated entries count from when they happened)',
  })
  parseBy(value: string): string {
    return value;
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}

/** Checked before the store is opened, so that a wrong option costs nothing and says what is wrong. */
function usage(options: StateOptions): { asOf: string; by: AsOfBasis } {
  if (options.asOf === undefined) throw new CliFailure('--as-of <time> is required; see partnerctl state --help', USAGE_EXIT_CODE);
  try {
    parseAsOf(options.asOf, '--as-of');
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new CliFailure(`--as-of ${options.asOf}: ${error.message.replace(/^--as-of: /, '')}`, USAGE_EXIT_CODE);
    throw error;
  }
  const by = options.by ?? 'recorded';
  if (!(AS_OF_BASES as readonly string[]).includes(by)) {
    throw new CliFailure(`--by ${by}: must be ${AS_OF_BASES.join(' or ')}`, USAGE_EXIT_CODE);
  }
  return { asOf: options.asOf, by: by as AsOfBasis };
}
