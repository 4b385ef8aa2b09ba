/**
 * An event as the domain sees it: a type name and plain data. Envelope fields (eventId,
 * occurredAt, actor, …) belong to the store's metadata, not to the domain.
 */
export interface DomainEvent<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}
