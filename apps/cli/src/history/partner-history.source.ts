import { Injectable } from '@nestjs/common';
import { isValidId } from '@partnerships/domain';
import { readPartnerHistoryEvents, type PartnerHistoryEvents } from '@partnerships/projections';
import { CliFailure, USAGE_EXIT_CODE } from '../cli-failure';
import { CliStore, EmbeddedStoreHeldError } from '../store/cli-store';

/** A partner's events from the configured log, for `history` and `state`. */
@Injectable()
export class PartnerHistorySource {
  constructor(private readonly cliStore: CliStore) {}

  /**
   * Throws a one-line failure for a malformed id (usage), a held store or an unknown partner.
   * `managers`: also read the managers' streams, which only an as-of view needs.
   */
  async read(partnerId: string, apiRoute: string, managers: boolean): Promise<PartnerHistoryEvents> {
    if (!isValidId(partnerId)) {
      throw new CliFailure(`invalid partner id "${partnerId}": 1 to 64 characters of A-Z, a-z, 0-9, _ or -`, USAGE_EXIT_CODE);
    }
    const { store } = await this.cliStore.open().catch((error: unknown) => {
      if (!(error instanceof EmbeddedStoreHeldError)) throw error;
      throw new CliFailure(`${error.message} (the running API, most likely); ask it instead: GET ${apiRoute}`);
    });
    const events = await readPartnerHistoryEvents(store, partnerId, { managers });
    if (events.partnerEvents.length === 0) throw new CliFailure(`no partner "${partnerId}" in the log`);
    return events;
  }
}
