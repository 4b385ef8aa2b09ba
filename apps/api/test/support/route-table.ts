import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_METADATA } from '../../src/auth/access.decorator';
import type { Permission } from '../../src/auth/permissions';

export interface RegisteredRoute {
  readonly method: string;
  /** As Nest registers it: `/v1/partners/:id/offboard`. */
  readonly path: string;
  /** Undefined when the route declares none (the guard then refuses everyone). */
  readonly permission: Permission | undefined;
}

function joinPath(...parts: string[]): string {
  return `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part !== '').join('/')}`;
}

/** Every route of every controller the application registered, read from Nest's own metadata. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const permission =
          (Reflect.getMetadata(ACCESS_METADATA, handler) as Permission | undefined) ?? (Reflect.getMetadata(ACCESS_METADATA, type) as Permission | undefined);
        routes.push({ method: RequestMethod[method], path: joinPath(base, path), permission });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
