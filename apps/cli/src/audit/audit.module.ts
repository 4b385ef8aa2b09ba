import { Module } from '@nestjs/common';
import { AnchorCommand } from './anchor.command';
import { VerifyCommand } from './verify.command';

@Module({ providers: [VerifyCommand, AnchorCommand] })
export class AuditModule {}
