import type { Projection } from '../projection';
import { allPartnersProjection } from './all-partners/all-partners.projection';
import { apiKeysProjection } from './api-keys/api-keys.projection';
import { clearanceProjection } from './clearance/clearance.projection';
import { managerContactProjection } from './manager-contact/manager-contact.projection';
import { managerPerformanceProjection } from './manager-performance/manager-performance.projection';
import { webhooksProjection } from './webhooks/webhooks.projection';

/** Every read model of PRODUCT.md, and the key and webhook listings: what the API, the projector and the CLI run and rebuild. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  allPartnersProjection,
  clearanceProjection,
  managerContactProjection,
  managerPerformanceProjection,
  apiKeysProjection,
  webhooksProjection,
];
