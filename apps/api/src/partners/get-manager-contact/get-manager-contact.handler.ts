import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readManagerContact } from '@partnerships/projections';
import { PartnerReadModelReader } from '../../read-models/partner-read-model.reader';
import { GetManagerContactQuery } from './get-manager-contact.query';

@QueryHandler(GetManagerContactQuery)
export class GetManagerContactHandler implements IQueryHandler<GetManagerContactQuery> {
  constructor(private readonly reader: PartnerReadModelReader) {}

  execute({ partnerId, minPosition }: GetManagerContactQuery) {
    return this.reader.read(partnerId, minPosition, readManagerContact);
  }
}
