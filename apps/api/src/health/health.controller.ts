import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health';
import { Access } from '../auth/access.decorator';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and store reachability (503 when the store does not answer)' })
  check() {
    return this.health.check([() => this.eventStore.check('eventStore')]);
  }
}
