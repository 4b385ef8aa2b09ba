import { openReadModelEnvironment, type OpenedReadModelEnvironment } from '../testing/read-model-environments';
import { countedProjectionRun } from '../testing/read-model-harness';
import { randomProgram } from '../testing/random-program';
import { allPartnersProjection } from '../read-models/all-partners/all-partners.projection';
import { readPartnerRow } from '../read-models/all-partners/all-partners.query';
import { clearanceProjection } from '../read-models/clearance/clearance.projection';
import { readClearance } from '../read-models/clearance/clearance.query';
import { partnerAsOf } from './partner-as-of';
import { readPartnerHistoryEvents } from './partner-history.reader';

describe('a partner as of now, on PGlite', () => {
  let opened: OpenedReadModelEnvironment;
  let program: ReturnType<typeof randomProgram>;

  beforeAll(async () => {
    opened = await openReadModelEnvironment('PGlite', 'as_of');
    program = randomProgram(opened.environment.store, { seed: 2026, partners: 20, managers: 3 });
    await program.write(250);
    // Small batches, so that histories are split across them as live processing splits them.
    for (const projection of [allPartnersProjection, clearanceProjection]) {
      await countedProjectionRun(projection, 37, () => opened.environment).project();
    }
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('equals the live All Partners row and clearance of every partner of a random program', async () => {
    const { store, readModel } = opened.environment;
    const now = new Date().toISOString();
    let selected = 0;
    for (const { partnerId } of program.partners) {
      const events = await readPartnerHistoryEvents(store, partnerId);
      const answer = partnerAsOf({ partnerId, ...events, asOf: now, by: 'recorded' });
      const row = await readPartnerRow(readModel, partnerId);
      const clearance = await readClearance(readModel, partnerId);

      expect({ partnerId, row: answer.partner }).toEqual({ partnerId, row });
      expect(answer.version).toBe(events.partnerEvents.length);
      if (row !== null) {
        selected += 1;
        expect({ partnerId, ...clearance }).toEqual(answer.clearance);
      }
    }
    // The comparison means something only if most partners exist, with managers and money.
    expect(selected).toBeGreaterThan(12);
  });
});
