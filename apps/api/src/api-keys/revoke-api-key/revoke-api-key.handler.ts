import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialDirectory, findApiKey, findTeammate } from '@partnerships/access';
import { API_KEY } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { teammateRoleOf } from '../../auth/current-principal.decorator';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { EVENT_STORE } from '../../store/store.tokens';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly credentials: CredentialDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ keyId, reason, principal, context }: RevokeApiKeyCommand) {
    // Who may revoke a teammate's key depends on that teammate's role now.
    const key = await findApiKey(this.store, keyId);
    const holder = key.status !== 'none' && key.teammateId !== null ? await findTeammate(this.store, key.teammateId) : null;
    const data = {
      keyId,
      reason,
      actorTeammateId: principal.kind === 'teammate' ? principal.teammateId : null,
      actorRole: teammateRoleOf(principal),
      holderRole: holder?.role ?? null,
    };
    const result = await this.runner.run({ aggregate: API_KEY, id: keyId, command: { type: 'RevokeApiKey', data, metadata: { now: context.occurredAt } }, context });
    this.credentials.forgetKey(keyId);
    return { keyId, version: result.version, position: result.position };
  }
}
