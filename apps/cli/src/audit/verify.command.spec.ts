import { USAGE_EXIT_CODE } from '../cli-failure';
import type { CliStore } from '../store/cli-store';
import { VerifyCommand } from './verify.command';

describe('partnerctl verify', () => {
  it('refuses --partner with --anchor as a wrong argument before opening any store', async () => {
    const cliStore = { open: () => Promise.reject(new Error('the store was opened')) } as unknown as CliStore;
    await expect(new VerifyCommand(cliStore).run([], { partner: 'p1', anchor: 'anchor.json' })).rejects.toMatchObject({
      exitCode: USAGE_EXIT_CODE,
      message: '--partner and --anchor do not go together: an anchor covers the whole log',
    });
  });
});
