import { containerDefinitions } from '../../src/store/cosmos/containers';
import { BotHarness } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';

/**
 * A plan whose planning throws is in the tick's report as failed, with the error: the 50,000-
 * reminder benchmark once got a report that simply left the plan out, and could not tell why.
 */
describe('a tick whose planning fails', () => {
  const harness = new BotHarness('2025-10-29T09:00:00+01:00');

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('reports the plan as failed with the error instead of leaving it out', async () => {
    // A real failure of the real database: the records planning reads are gone.
    await harness.server.store.database.container(containerDefinitions.records.id).delete();
    const report = await harness.tick();
    expect(report.planning).toEqual([{ kind: 'failed', planId: PLAN, error: expect.stringContaining('404') }]);
  });
});
