import { Global, Module } from '@nestjs/common';
import { CommandMetrics, MetricsRegistry } from './command-metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, CommandMetrics],
  exports: [MetricsRegistry, CommandMetrics],
})
export class MetricsModule {}
