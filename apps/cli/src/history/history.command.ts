import { partnerHistory } from '@partnerships/projections';
import { Command, CommandRunner, Option } from 'nest-commander';
import { printJson } from '../output/json-output';
import { JSON_OPTION, type JsonOptions } from '../output/json.option';
import { historyText } from './history-output';
import { PartnerHistorySource } from './partner-history.source';

@Command({
  name: 'history',
  arguments: '<partnerId>',
  argsDescription: { partnerId: 'the partner whose events to list' },
  description:
    "A partner's events in stream order: version, type, business time (occurred), store time (recorded), actor and the " +
    'key fields; --json gives every field, the hash chain links included (as GET /v1/partners/:id/history)',
})
export class HistoryCommand extends CommandRunner {
  constructor(private readonly source: PartnerHistorySource) {
    super();
  }

  override async run([partnerId]: string[], options: JsonOptions = {}): Promise<void> {
    const { partnerEvents } = await this.source.read(partnerId, `/v1/partners/${partnerId}/history`, false);
    const history = partnerHistory(partnerId, partnerEvents);
    if (options.json) {
      printJson(history);
      return;
    }
    process.stdout.write(historyText(history));
  }

  @Option(JSON_OPTION)
  parseJson(): boolean {
    return true;
  }
}
