import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ManagerPerformanceController } from './manager-performance/manager-performance.controller';

@Module({
  imports: [CqrsModule],
  controllers: [ManagerPerformanceController],
})
export class AnalyticsModule {}
