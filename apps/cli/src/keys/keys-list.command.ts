import { listApiKeys, type ApiKeyListing } from '@partnerships/projections';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CliFailure } from '../cli-failure';
import { alignedTable } from '../output/aligned-table';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { CliStore } from '../store/cli-store';
import { openKeyOperations } from './key-operations';

@SubCommand({
  name: 'list',
  description: 'Every API key, newest first, as the api-keys read model has it: holder, role, status, who issued and revoked it. Never a secret.',
})
export class KeysListCommand extends CommandRunner {
  constructor(private readonly cliStore: CliStore) {
    super();
  }

  override async run(_params: string[], options: JsonOptions = {}): Promise<void> {
    const { opened } = await openKeyOperations(this.cliStore);
    let keys: ApiKeyListing[];
    try {
      keys = await listApiKeys(opened.client);
    } catch {
      throw new CliFailure('the api-keys read model is not built on this store: start the API once, or run partnerctl projections rebuild api-keys');
    }
    if (options.json) {
      printJson({ keys });
      return;
    }
    process.stdout.write(
      alignedTable(
        [{ header: 'KEY' }, { header: 'NAME' }, { header: 'HOLDER' }, { header: 'ROLE' }, { header: 'STATUS' }, { header: 'CREATED' }, { header: 'BY' }],
        keys.map((key) => [key.keyId, key.name, key.teammateId ?? `partner:${key.partnerId}`, key.role, key.status, key.createdAt, key.createdBy]),
      ),
    );
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
