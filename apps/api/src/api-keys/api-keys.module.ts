import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandHandlingModule } from '../command-handling/command-handling.module';
import { IssueApiKeyController } from './issue-api-key/issue-api-key.controller';
import { IssueApiKeyHandler } from './issue-api-key/issue-api-key.handler';
import { IssuePartnerApiKeyController } from './issue-partner-api-key/issue-partner-api-key.controller';
import { ListApiKeysController } from './list-api-keys/list-api-keys.controller';
import { RevokeApiKeyController } from './revoke-api-key/revoke-api-key.controller';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler';

/** API keys: issue (teammate and partner keys), list, revoke. */
@Module({
  imports: [CqrsModule, CommandHandlingModule],
  controllers: [IssueApiKeyController, IssuePartnerApiKeyController, ListApiKeysController, RevokeApiKeyController],
  providers: [IssueApiKeyHandler, RevokeApiKeyHandler],
})
export class ApiKeysModule {}
