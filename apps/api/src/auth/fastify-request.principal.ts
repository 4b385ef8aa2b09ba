import type { Principal } from '@partnerships/access';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access guard on every route that needs credentials. */
    principal?: Principal;
  }
}
