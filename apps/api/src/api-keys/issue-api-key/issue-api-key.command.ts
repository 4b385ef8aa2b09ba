import { Command } from '@nestjs/cqrs';
import type { ApiKeyHolder, IssuedApiKey } from '@partnerships/access';
import type { TeammateRole } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';

/** A key for a teammate or a partner; the issuer's role decides (the API key decider's rules). */
export class IssueApiKeyCommand extends Command<IssuedApiKey> {
  constructor(
    readonly holder: ApiKeyHolder,
    readonly name: string,
    readonly expiresAt: string | null,
    readonly actorRole: TeammateRole,
    readonly context: CommandContext,
  ) {
    super();
  }
}
