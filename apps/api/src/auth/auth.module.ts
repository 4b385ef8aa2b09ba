import { DynamicModule, Global, Inject, Module, type CanActivate, type OnApplicationBootstrap, type OnModuleInit, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ApiKeyIssuer,
  ApiKeySecretStore,
  bootstrapOwnerKey,
  CredentialDirectory,
  DEFAULT_CREDENTIAL_MAX_AGE_MS,
  type OwnerBootstrap,
} from '@partnerships/access';
import type { AuthConfig } from '@partnerships/config';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import { AggregateCommandRunner } from '../command-handling/aggregate-command.runner';
import { CommandHandlingModule } from '../command-handling/command-handling.module';
import { EVENT_STORE, SQL_CLIENT } from '../store/store.tokens';
import { AccessGuard } from './access.guard';
import { AUTH_SETTINGS, OWNER_BOOTSTRAP, type AuthSettings } from './auth.tokens';
import { BearerAuthenticator } from './bearer.authenticator';
import { WhoAmIController } from './who-am-i/who-am-i.controller';

/** Filled in once the application has started: what the first-start bootstrap did. */
export class OwnerBootstrapResult {
  outcome: OwnerBootstrap | null = null;
}

class AuthLifecycle implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly secrets: ApiKeySecretStore,
    private readonly issuer: ApiKeyIssuer,
    private readonly runner: AggregateCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(OWNER_BOOTSTRAP) private readonly result: OwnerBootstrapResult,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.secrets.setup();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.result.outcome = await bootstrapOwnerKey({
      store: this.store,
      runner: this.runner,
      secrets: this.secrets,
      issuer: this.issuer,
      configuredSecret: this.settings.bootstrapKey,
    });
  }
}

/** Who a request acts as (API keys, single sign-on) and whether it may: one guard for every route. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(auth: AuthConfig, options: { readonly credentialMaxAgeMs?: number; readonly guard?: Type<CanActivate> } = {}): DynamicModule {
    const settings: AuthSettings = { ...auth, credentialMaxAgeMs: options.credentialMaxAgeMs ?? DEFAULT_CREDENTIAL_MAX_AGE_MS };
    return {
      module: AuthModule,
      imports: [CommandHandlingModule],
      controllers: [WhoAmIController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        { provide: OWNER_BOOTSTRAP, useValue: new OwnerBootstrapResult() },
        { provide: ApiKeySecretStore, useFactory: (client: SqlClient) => new ApiKeySecretStore(client), inject: [SQL_CLIENT] },
        {
          provide: CredentialDirectory,
          useFactory: (store: EventStore, secrets: ApiKeySecretStore) => new CredentialDirectory(store, secrets, { maxAgeMs: settings.credentialMaxAgeMs }),
          inject: [EVENT_STORE, ApiKeySecretStore],
        },
        {
          provide: ApiKeyIssuer,
          useFactory: (store: EventStore, runner: AggregateCommandRunner, secrets: ApiKeySecretStore) => new ApiKeyIssuer(store, runner, secrets),
          inject: [EVENT_STORE, AggregateCommandRunner, ApiKeySecretStore],
        },
        BearerAuthenticator,
        AuthLifecycle,
        { provide: APP_GUARD, useClass: options.guard ?? AccessGuard },
      ],
      exports: [AUTH_SETTINGS, OWNER_BOOTSTRAP, ApiKeySecretStore, CredentialDirectory, ApiKeyIssuer, BearerAuthenticator],
    };
  }
}
