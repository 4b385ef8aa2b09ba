import { ApiKeyIssuer, ApiKeySecretStore } from '@partnerships/access';
import { StreamCommandRunner, systemContext, type CommandContext } from '@partnerships/event-store';
import { CliFailure } from '../cli-failure';
import { CliStore, EmbeddedStoreHeldError, type CliOpenedStore } from '../store/cli-store';

/** Who the log names as the author of what `partnerctl keys` writes: an operator on the store itself. */
export const CLI_ACTOR = 'partnerctl';

export function cliContext(): CommandContext {
  return systemContext({ actor: CLI_ACTOR });
}

export interface KeyOperations {
  readonly opened: CliOpenedStore;
  readonly runner: StreamCommandRunner;
  readonly secrets: ApiKeySecretStore;
  readonly issuer: ApiKeyIssuer;
}

/** The store, with what writing keys needs; the embedded store must not be held by a running API. */
export async function openKeyOperations(cliStore: CliStore): Promise<KeyOperations> {
  const opened = await cliStore.open().catch((error: unknown) => {
    if (!(error instanceof EmbeddedStoreHeldError)) throw error;
    throw new CliFailure(`${error.message} (the running API, most likely): stop it first, or manage keys over HTTP (/v1/api-keys)`);
  });
  const runner = new StreamCommandRunner(opened.store);
  const secrets = new ApiKeySecretStore(opened.client);
  await secrets.setup();
  return { opened, runner, secrets, issuer: new ApiKeyIssuer(opened.store, runner, secrets) };
}
