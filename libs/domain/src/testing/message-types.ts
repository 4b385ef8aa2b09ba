import type { AnyDomainEvent, DomainEventType } from '../event-catalog';
import type { PartnershipCommand, PartnershipCommandType } from '../partnership/partnership.commands';

/** The partnership command of type `T`, e.g. `PartnershipCommandOf<'SelectPartner'>`. */
export type PartnershipCommandOf<T extends PartnershipCommandType> = Extract<PartnershipCommand, { type: T }>;

/** The data of the partnership command of type `T`. */
export type PartnershipCommandData<T extends PartnershipCommandType> = PartnershipCommandOf<T>['data'];

/** The domain event of type `T`, of any aggregate, e.g. `DomainEventOf<'CommissionEarned'>`. */
export type DomainEventOf<T extends DomainEventType> = Extract<AnyDomainEvent, { type: T }>;

/** The data of the domain event of type `T`. */
export type DomainEventData<T extends DomainEventType> = DomainEventOf<T>['data'];
