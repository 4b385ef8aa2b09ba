import { verifyLog, type LogAnchor, type LogVerification } from '@partnerships/event-store';
import { logLagCounterFor } from '@partnerships/log-follower';
import { CliFailure } from '../cli-failure';
import { workProgress } from '../output/work-progress';
import { CliStore, EmbeddedStoreHeldError, type CliOpenedStore } from '../store/cli-store';

/** Events read per page, and between two progress updates. */
const PAGE_SIZE = 1_000;

/** The configured store, with a hint when the embedded one is held (a running API holds it). */
export async function openAuditedStore(cliStore: CliStore): Promise<CliOpenedStore> {
  try {
    return await cliStore.open();
  } catch (error) {
    if (!(error instanceof EmbeddedStoreHeldError)) throw error;
    throw new CliFailure(`${error.message} (the running API, most likely); verify while it is stopped`);
  }
}

export interface AuditRun {
  readonly streamId?: string;
  readonly anchor?: LogAnchor;
  readonly json: boolean;
}

/** Recomputes every hash and link of the log (or of one stream), with progress on stderr. */
export async function verifyWithProgress({ store, logClient }: CliOpenedStore, run: AuditRun): Promise<LogVerification> {
  const progress = workProgress({
    json: run.json,
    stream: process.stderr,
    label: run.streamId === undefined ? 'verifying the log' : `verifying ${run.streamId}`,
    unit: 'events',
  });
  // Only a SQL log is counted cheaply and exactly; EventStoreDB's count would be a lower bound read
  // from the log itself, and one stream has no count: the total is then unknown.
  const total = run.json || run.streamId !== undefined || logClient === null ? undefined : await logLagCounterFor(store, logClient)(null);
  try {
    return await verifyLog(store, {
      streamId: run.streamId,
      anchor: run.anchor,
      pageSize: PAGE_SIZE,
      onProgress: (checked) => {
        // A log that fits in one page is checked in an instant: no progress, stderr stays for the answer.
        if (checked <= PAGE_SIZE) return;
        // Unknown total: a bar at a terminal grows with the count; a log line shows the count alone.
        progress.update(checked, total !== undefined ? Math.max(total, checked) : process.stderr.isTTY ? checked : undefined);
      },
    });
  } finally {
    progress.stop();
  }
}
