import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ManagerPerformanceController } from './manager-performance/manager-performance.controller';
import { ManagerPerformanceHandler } from './manager-performance/manager-performance.handler';

@Module({
  imports: [CqrsModule],
  controllers: [ManagerPerformanceController],
  providers: [ManagerPerformanceHandler],
})
export class AnalyticsModule {}
