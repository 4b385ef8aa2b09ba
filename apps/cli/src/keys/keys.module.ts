import { Module } from '@nestjs/common';
import { KeysCreateCommand } from './keys-create.command';
import { KeysListCommand } from './keys-list.command';
import { KeysRevokeCommand } from './keys-revoke.command';
import { KeysCommand } from './keys.command';

@Module({ providers: [KeysCommand, KeysCreateCommand, KeysListCommand, KeysRevokeCommand] })
export class KeysModule {}
