import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { partnershipStreamId } from '@partnerships/domain';
import { writeLogFile, type LogFileManifest } from '@partnerships/event-store';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { workProgress } from '../output/work-progress';
import { CliStore, EmbeddedStoreHeldError, type CliOpenedStore } from '../store/cli-store';
import { logSelectionOf, type LogSelectionOptions } from './log-selection.options';

interface ExportOptions extends LogSelectionOptions, JsonOptions {
  readonly out?: string;
}

@Command({
  name: 'export',
  description:
    'Write the event log (or one partner, or a recordedAt range) as NDJSON: a header line, one line per event in log order, ' +
    'and a manifest (counts, head hash) last. `partnerctl import` loads it into an empty store of any kind',
})
export class ExportCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(_params: string[], options: ExportOptions = {}): Promise<void> {
    const selection = logSelectionOf(options);
    const json = options.json === true;
    if (json && options.out === undefined) {
      throw new CliFailure('--json prints the manifest on stdout, so it needs --out <file> (without --out the export itself goes to stdout)');
    }
    const { store } = await this.openStore();
    if (selection.partnerId !== undefined && (await store.readStream(partnershipStreamId(selection.partnerId), { maxCount: 1 })).length === 0) {
      throw new CliFailure(`no partner "${selection.partnerId}" in the log`);
    }
    if (options.out === undefined) stopQuietlyWhenReaderLeaves(process.stdout);
    const out = options.out === undefined ? process.stdout : await createExclusively(options.out);
    const progress = workProgress({ json, stream: process.stderr, label: 'exporting', unit: 'events' });
    let manifest: LogFileManifest;
    try {
      const written = await writeLogFile(store, out, { selection, onProgress: (_read, exported) => progress.update(exported) });
      manifest = written.manifest;
      if (out !== process.stdout) {
        out.end();
        await finished(out);
      }
      progress.stop();
      if (written.firstBreak !== null) {
        const found = written.firstBreak;
        process.stderr.write(
          `partnerctl: warning: the chain breaks at ${found.streamId} version ${found.version} (${found.reason}): an import will refuse this file; see partnerctl verify\n`,
        );
      }
    } catch (error) {
      progress.stop();
      // A file without its manifest reads as truncated anyway; removing it leaves no doubt.
      if (options.out !== undefined) {
        out.destroy();
        await unlink(options.out).catch(() => undefined);
      }
      throw error;
    }
    if (json) {
      printJson(manifest);
    } else if (options.out !== undefined) {
      process.stdout.write(manifestSummary(manifest, options.out));
    }
  }

  @Option({ flags: '--out <file>', description: 'write to this file, which must not exist yet (default: stdout)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({
    flags: '--partner <id>',
    description: "only this partner's stream (partnership-<id>); the teammate streams of its managers are not included",
  })
  parsePartner(value: string): string {
    return value;
  }

  @Option({ flags: '--from <time>', description: 'only events recorded at or after this ISO 8601 instant (2024-03-01, 2024-03-01T12:00:00Z)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <time>', description: 'only events recorded before this ISO 8601 instant' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ ...JSON_OPTION, description: 'print the manifest as JSON on stdout (needs --out)' })
  parseJson(): boolean {
    return true;
  }

  private openStore(): Promise<CliOpenedStore> {
    return this.cliStore.open().catch((error: unknown) => {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      throw new CliFailure(`${error.message} (the running API, most likely); stop it, then export`);
    });
  }
}

async function createExclusively(path: string): Promise<Writable> {
  const out = createWriteStream(path, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', (error: NodeJS.ErrnoException) =>
      reject(new CliFailure(error.code === 'EEXIST' ? `${path} already exists; remove it or choose another --out` : `cannot write ${path}: ${error.message}`)),
    );
  });
  return out;
}

function manifestSummary(manifest: LogFileManifest, path: string): string {
  const types = Object.entries(manifest.byType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  return (
    `exported ${manifest.events} events of ${manifest.streams} streams to ${path}\n` +
    `positions ${manifest.firstPosition ?? '-'} to ${manifest.lastPosition ?? '-'}\n` +
    `by type: ${types || '-'}\n` +
    `head hash ${manifest.headHash ?? '-'}\n`
  );
}

/**
 * `partnerctl export | head`: a reader that stops early is not a failure of the export. An export
 * only reads, so ending at once leaves nothing half-done (a lock left on the embedded store is
 * taken over by the next opener, as after any crash).
 */
function stopQuietlyWhenReaderLeaves(stdout: NodeJS.WriteStream): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}
