import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readClearance } from '@partnerships/projections';
import { PartnerReadModelReader } from '../../read-models/partner-read-model.reader';
import { GetClearanceQuery } from './get-clearance.query';

@QueryHandler(GetClearanceQuery)
export class GetClearanceHandler implements IQueryHandler<GetClearanceQuery> {
  constructor(private readonly reader: PartnerReadModelReader) {}

  async execute({ partnerId, minPosition }: GetClearanceQuery) {
    return { partnerId, ...(await this.reader.read(partnerId, minPosition, readClearance)) };
  }
}
