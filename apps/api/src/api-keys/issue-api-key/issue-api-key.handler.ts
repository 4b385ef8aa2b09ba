import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyIssuer } from '@partnerships/access';
import { IssueApiKeyCommand } from './issue-api-key.command';

@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand> {
  constructor(private readonly issuer: ApiKeyIssuer) {}

  execute({ holder, name, expiresAt, actorRole, context }: IssueApiKeyCommand) {
    return this.issuer.issue({ holder, name, expiresAt, actorRole, context });
  }
}
