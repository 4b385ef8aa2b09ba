import { partnershipStreamId } from '@partnerships/domain';
import type { LogVerification } from '@partnerships/event-store';
import { Command, CommandRunner, Help, Option } from 'nest-commander';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { CliStore } from '../store/cli-store';
import { readAnchorFile } from './anchor-file';
import { openAuditedStore, verifyWithProgress } from './audited-log';
import { anchorFailureMessage, chainBreakMessage } from './chain-break.message';

interface VerifyOptions extends JsonOptions {
  readonly partner?: string;
  readonly anchor?: string;
}

@Command({
  name: 'verify',
  description: 'Check the tamper-evident hash chain of the log: every event against its hash, and every link',
})
export class VerifyCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(params: string[], options: VerifyOptions = {}): Promise<void> {
    if (params.length > 0) throw new CliFailure(`verify takes no arguments (got "${params[0]}"); see partnerctl verify --help`, USAGE_EXIT_CODE);
    if (options.partner !== undefined && options.anchor !== undefined) {
      throw new CliFailure('--partner and --anchor do not go together: an anchor covers the whole log', USAGE_EXIT_CODE);
    }
    const anchor = options.anchor === undefined ? undefined : readAnchorFile(options.anchor);
    const streamId = options.partner === undefined ? undefined : partnershipStreamId(options.partner);
    const json = options.json === true;

    const verification = await verifyWithProgress(await openAuditedStore(this.cliStore), { streamId, anchor, json });
    if (streamId !== undefined && verification.head.events === 0) throw new CliFailure(`no partner "${options.partner}" in the log`);

    const failure = failureOf(verification);
    if (json) printJson(verificationRecord(verification, streamId ?? null));
    if (failure !== null) throw new CliFailure(failure);
    if (!json) process.stdout.write(okLines(verification, streamId));
  }

  @Option({ flags: '--partner <id>', description: "check only this partner's stream (partnership-<id>), in version order" })
  parsePartner(id: string): string {
    return id;
  }

  @Option({
    flags: '--anchor <file>',
    description: 'also check that the log still begins with exactly the events of this anchor (a file written by partnerctl anchor); not with --partner',
  })
  parseAnchor(file: string): string {
    return file;
  }

  @Help('after')
  details(): string {
    return `
Recomputes the hash of every event and every link between them, over the whole
log in log order (or one partner's stream in version order). Exit 0 when every
link holds; exit 1 at the first broken link, named by stream, version, event id,
position and reason: content-changed, link-broken, event-missing or not-sealed.
A change that rewrote the hashes too, or removed the latest events, only shows
against an anchor taken earlier and kept outside the system (see partnerctl
anchor).

Examples:
  partnerctl verify
  partnerctl verify --partner acme --json
  partnerctl verify --anchor anchor-2026-01-31.json`;
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}

/** The one line of a failed verification, or null when the chain and the anchor (if any) hold. */
function failureOf({ firstBreak, anchorCheck }: LogVerification): string | null {
  const anchorFailed = anchorCheck !== null && !anchorCheck.holds;
  if (firstBreak !== null) return anchorFailed ? `${chainBreakMessage(firstBreak)}; the anchor does not hold either` : chainBreakMessage(firstBreak);
  return anchorFailed ? anchorFailureMessage(anchorCheck) : null;
}

/** What `--json` prints, on success and on failure alike. */
function verificationRecord(verification: LogVerification, streamId: string | null) {
  const { firstBreak, head, streams, anchorCheck } = verification;
  return {
    ok: failureOf(verification) === null,
    streamId,
    head,
    streams,
    firstBreak,
    anchor: anchorCheck === null ? null : { holds: anchorCheck.holds, ...anchorCheck.anchor, ...(anchorCheck.holds ? {} : { detail: anchorCheck.detail }) },
  };
}

function okLines({ head, streams, anchorCheck }: LogVerification, streamId: string | undefined): string {
  const where = streamId ?? `${streams} ${streams === 1 ? 'stream' : 'streams'}`;
  const hashName = streamId === undefined ? 'log hash' : 'chain hash';
  const lines = [`ok: ${head.events} events in ${where}, ${hashName} ${head.hash ?? '-'} at position ${head.position ?? '-'}`];
  if (anchorCheck?.holds) lines.push(`anchor holds: the first ${anchorCheck.anchor.events} events still hash to ${anchorCheck.anchor.hash ?? '-'}`);
  return `${lines.join('\n')}\n`;
}
