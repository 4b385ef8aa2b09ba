import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListTeammatesQuery } from './list-teammates.query';
import { TeammateDirectory } from './teammate-directory';

@QueryHandler(ListTeammatesQuery)
export class ListTeammatesHandler implements IQueryHandler<ListTeammatesQuery> {
  constructor(private readonly directory: TeammateDirectory) {}

  async execute() {
    return { items: await this.directory.list() };
  }
}
