import { Module } from '@nestjs/common';
import { ProjectionsRebuildCommand } from './projections-rebuild.command';
import { ProjectionsStatusCommand } from './projections-status.command';
import { ProjectionsCommand } from './projections.command';

@Module({ providers: [ProjectionsCommand, ProjectionsStatusCommand, ProjectionsRebuildCommand] })
export class ProjectionsModule {}
