import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readPartnerRow } from '@partnerships/projections';
import { PartnerReadModelReader } from '../../read-models/partner-read-model.reader';
import { GetPartnerQuery } from './get-partner.query';

@QueryHandler(GetPartnerQuery)
export class GetPartnerHandler implements IQueryHandler<GetPartnerQuery> {
  constructor(private readonly reader: PartnerReadModelReader) {}

  execute({ partnerId, minPosition }: GetPartnerQuery) {
    return this.reader.read(partnerId, minPosition, readPartnerRow);
  }
}
