import { writeFileSync } from 'node:fs';
import { describeConfiguredStore } from '@partnerships/config';
import { Command, CommandRunner, Help, Option } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { CliStore } from '../store/cli-store';
import type { AnchorRecord } from './anchor-file';
import { openAuditedStore, verifyWithProgress } from './audited-log';
import { chainBreakMessage } from './chain-break.message';

interface AnchorOptions extends JsonOptions {
  readonly out?: string;
}

@Command({
  name: 'anchor',
  description: 'Verify the whole log and record its head (event count, position, log hash) as an anchor to keep elsewhere',
})
export class AnchorCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(params: string[], options: AnchorOptions = {}): Promise<void> {
    if (params.length > 0) throw new CliFailure(`anchor takes no arguments (got "${params[0]}"); see partnerctl anchor --help`, USAGE_EXIT_CODE);
    const json = options.json === true;
    const opened = await openAuditedStore(this.cliStore);
    const { firstBreak, head } = await verifyWithProgress(opened, { json });
    if (firstBreak !== null) throw new CliFailure(`refusing to anchor a broken log: ${chainBreakMessage(firstBreak)}`);

    const anchor: AnchorRecord = { ...head, takenAt: new Date().toISOString(), store: describeConfiguredStore(opened.config) };
    if (options.out === undefined) {
      printJson(anchor);
      return;
    }
    try {
      writeFileSync(options.out, `${JSON.stringify(anchor, null, 2)}\n`);
    } catch (error) {
      throw new CliFailure(`cannot write the anchor to ${options.out}: ${(error as Error).message}`);
    }
    if (json) printJson(anchor);
    else process.stdout.write(`anchored ${anchor.events} events at position ${anchor.position ?? '-'}, log hash ${anchor.hash ?? '-'}, in ${options.out}\n`);
  }

  @Option({ flags: '--out <file>', description: 'write the anchor JSON to this file (replacing it) instead of printing it' })
  parseOut(file: string): string {
    return file;
  }

  @Help('after')
  details(): string {
    return `
Prints (or writes to --out) the anchor as JSON: events, position, hash (the log
hash over every event so far), takenAt and store. Keep it outside this system,
where whoever could change the database cannot change it too: a ticket, an
email, a signed commit. Later, partnerctl verify --anchor <file> shows whether
the log still begins with exactly those events, even if someone rewrote the
hashes along with the events or removed the latest ones. Refuses (exit 1) to
anchor a log whose chain is broken.

Examples:
  partnerctl anchor --out anchor-2026-01-31.json
  partnerctl anchor > anchor.json`;
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
