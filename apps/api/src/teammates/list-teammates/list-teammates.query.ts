import { Query } from '@nestjs/cqrs';
import type { TeammateEntry } from './teammate-directory';

export class ListTeammatesQuery extends Query<{ items: TeammateEntry[] }> {}
