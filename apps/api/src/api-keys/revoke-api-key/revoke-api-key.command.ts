import { Command } from '@nestjs/cqrs';
import type { Principal } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';

export interface RevokedApiKey {
  readonly keyId: string;
  readonly version: number;
  readonly position: string | null;
}

export class RevokeApiKeyCommand extends Command<RevokedApiKey> {
  constructor(
    readonly keyId: string,
    readonly reason: string | null,
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}
