import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import {
  InvalidEventStoreInputError,
  LogFileError,
  LogFileReader,
  SQL_IMPORT_MAX_EVENTS,
  StoreNotEmptyError,
  verifyLog,
  type ImportedEvent,
  type ValidLogFile,
} from '@partnerships/event-store';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { workProgress, type WorkProgress } from '../output/work-progress';
import { CliStore, EmbeddedStoreHeldError, type CliOpenedStore } from '../store/cli-store';

@Command({
  name: 'import',
  arguments: '<file>',
  argsDescription: { file: 'a file written by partnerctl export' },
  description:
    'Load an export into the configured store, which must be empty (PGlite, PostgreSQL or EventStoreDB): event ids, stream ' +
    'versions, occurredAt, recordedAt and hashes are kept. The whole file is checked first and nothing is written when ' +
    'anything is wrong; the imported log is then verified against the manifest. Rebuild the read models afterwards',
})
export class ImportCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run([path]: string[], options: JsonOptions = {}): Promise<void> {
    const json = options.json === true;
    await assertReadableFile(path);
    const opened = await this.openStore();
    await refuseNonEmpty(opened);
    const file = await this.check(path, json);
    refuseTooLarge(opened, file);
    const imported = await this.load(opened, path, json);
    const verification = await this.verify(opened, json);
    const { manifest } = file;
    if (verification.events !== manifest.events || verification.hash !== manifest.headHash) {
      throw new CliFailure(
        `imported ${imported} events, but the target's log (${verification.events} events, hash ${verification.hash ?? '-'}) does not match the manifest (${manifest.events} events, hash ${manifest.headHash ?? '-'})`,
      );
    }
    if (json) {
      printJson({ events: manifest.events, streams: manifest.streams, byType: manifest.byType, lastPosition: verification.position, headHash: verification.hash, verified: true });
      return;
    }
    process.stdout.write(
      `imported ${manifest.events} events of ${manifest.streams} streams; the log verifies\n` +
        `head hash ${verification.hash ?? '-'} (as in the manifest)\n` +
        'next: partnerctl projections rebuild all\n',
    );
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }

  /** Pass 1: the whole file, before anything is written. */
  private async check(path: string, json: boolean): Promise<ValidLogFile> {
    const progress = workProgress({ json, stream: process.stderr, label: 'checking the file', unit: 'events' });
    try {
      return await new LogFileReader(path, { requireWholeStreams: true, onProgress: (read) => progress.update(read) }).validate();
    } catch (error) {
      throw fileFailure(path, error);
    } finally {
      progress.stop();
    }
  }

  /** Pass 2: the file again, checked again as it streams into the store. */
  private async load({ store }: CliOpenedStore, path: string, json: boolean): Promise<number> {
    const progress = workProgress({ json, stream: process.stderr, label: 'importing', unit: 'events' });
    try {
      const reader = new LogFileReader(path, { requireWholeStreams: true });
      const result = await store.importLog(counted(reader.importedEvents(), progress));
      return result.events;
    } catch (error) {
      if (error instanceof StoreNotEmptyError || error instanceof InvalidEventStoreInputError) throw new CliFailure(error.message);
      if (error instanceof LogFileError) throw fileFailure(path, error);
      throw new CliFailure(`the import failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      progress.stop();
    }
  }

  private async verify({ store }: CliOpenedStore, json: boolean) {
    const progress = workProgress({ json, stream: process.stderr, label: 'verifying the imported log', unit: 'events' });
    try {
      const verification = await verifyLog(store, { onProgress: (checked) => progress.update(checked) });
      if (verification.firstBreak !== null) {
        const found = verification.firstBreak;
        throw new CliFailure(`imported, but the target's chain breaks at ${found.streamId} version ${found.version}: ${found.reason}, ${found.detail}`);
      }
      return verification.head;
    } finally {
      progress.stop();
    }
  }

  private openStore(): Promise<CliOpenedStore> {
    return this.cliStore.open().catch((error: unknown) => {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      throw new CliFailure(`${error.message} (the running API, most likely); stop it, then import`);
    });
  }
}

/** Before the store is opened, so that a mistyped path touches nothing. */
async function assertReadableFile(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new CliFailure(`cannot read ${path}: it is not a file`);
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliFailure(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** Before the file is read: reading a large one first would only delay the refusal. */
async function refuseNonEmpty({ store }: CliOpenedStore): Promise<void> {
  const head = await store.headPosition();
  if (head !== null) {
    throw new CliFailure(new StoreNotEmptyError(head).message);
  }
}

function refuseTooLarge({ logClient }: CliOpenedStore, { manifest }: ValidLogFile): void {
  if (logClient !== null && manifest.events > SQL_IMPORT_MAX_EVENTS) {
    throw new CliFailure(`the file holds ${manifest.events} events; an import into PostgreSQL or PGlite takes at most ${SQL_IMPORT_MAX_EVENTS}`);
  }
}

function fileFailure(path: string, error: unknown): unknown {
  return error instanceof LogFileError ? new CliFailure(error.line === null ? error.message : `${path} ${error.message}`) : error;
}

async function* counted(events: AsyncIterable<ImportedEvent>, progress: WorkProgress): AsyncGenerator<ImportedEvent> {
  let count = 0;
  for await (const event of events) {
    yield event;
    count += 1;
    if (count % 1_000 === 0) progress.update(count);
  }
  progress.update(count);
}
