import { Query } from '@nestjs/cqrs';
import type { ManagerPerformance, ManagerPerformanceOptions } from '@partnerships/projections';

export class ManagerPerformanceQuery extends Query<ManagerPerformance> {
  constructor(
    readonly options: ManagerPerformanceOptions,
    readonly minPosition: string | undefined,
  ) {
    super();
  }
}
