import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The addresses a host name resolves to; injected so that tests never ask a real resolver. */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

/** The system's resolver (getaddrinfo), every address it gives. */
export const systemHostResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Why a URL may not receive webhooks; stable, for the API's problem codes. */
export type WebhookUrlRefusal = 'not-a-url' | 'scheme-not-allowed' | 'credentials-in-url' | 'unresolvable-host' | 'private-address';

export class WebhookUrlRefusedError extends Error {
  constructor(
    readonly refusal: WebhookUrlRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'WebhookUrlRefusedError';
  }
}

export interface WebhookUrlPolicyOptions {
  /** `http://` too (WEBHOOKS_ALLOW_HTTP=1: tests and local use); otherwise `https://` only. */
  readonly allowHttp: boolean;
  /** Host names or addresses exempt from the address check (WEBHOOKS_ALLOWED_HOSTS). */
  readonly allowedHosts: readonly string[];
  readonly resolve: HostResolver;
}

/** A URL the policy accepted, with the addresses it was checked at (the sender asks the policy again for every connection it opens). */
export interface CheckedWebhookUrl {
  readonly url: URL;
  readonly addresses: readonly string[];
}

/**
 * Which URLs may receive webhooks, checked before any connection (server-side request forgery):
 * https only unless allowed; no user:password; every address the host resolves to must be a
 * public unicast one (ipaddr.js's ranges: no loopback, private, link-local and so no cloud
 * metadata at 169.254.169.254, unique-local, carrier-grade NAT, reserved, multicast, unspecified,
 * IPv4-mapped forms of those), unless the host is listed as allowed. A name that resolves to one
 * bad address among good ones is refused: the connection could go to any of them.
 */
export class WebhookUrlPolicy {
  private readonly allowedHosts: ReadonlySet<string>;

  constructor(private readonly options: WebhookUrlPolicyOptions) {
    this.allowedHosts = new Set(options.allowedHosts.map(normalHost));
  }

  async check(candidate: string): Promise<CheckedWebhookUrl> {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      throw new WebhookUrlRefusedError('not-a-url', `${JSON.stringify(candidate)} is not an absolute URL`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowHttp)) {
      throw new WebhookUrlRefusedError(
        'scheme-not-allowed',
        this.options.allowHttp ? 'a webhook URL is http:// or https://' : 'a webhook URL is https:// (http:// only with WEBHOOKS_ALLOW_HTTP=1)',
      );
    }
    if (url.username !== '' || url.password !== '') {
      throw new WebhookUrlRefusedError('credentials-in-url', 'a webhook URL carries no user or password: the signature authenticates us');
    }
    return { url, addresses: await this.addressesFor(url.hostname) };
  }

  /**
   * The addresses a host may be reached at, or a refusal. The sender asks again for every
   * connection it opens, so a name that resolves elsewhere after the check (DNS rebinding) is
   * refused then too.
   */
  async addressesFor(hostname: string): Promise<readonly string[]> {
    const host = normalHost(hostname);
    const addresses = isIP(host) !== 0 ? [host] : await this.resolve(host);
    if (this.allowedHosts.has(host)) return addresses;
    const refused = addresses.filter((address) => !isPublicUnicast(address));
    if (refused.length > 0) {
      throw new WebhookUrlRefusedError(
        'private-address',
        `${host} is ${refused.map((address) => `${address} (${rangeOf(address)})`).join(', ')}: not a public address (WEBHOOKS_ALLOWED_HOSTS lists exceptions)`,
      );
    }
    return addresses;
  }

  private async resolve(host: string): Promise<readonly string[]> {
    let addresses: readonly string[];
    try {
      addresses = await this.options.resolve(host);
    } catch (error) {
      throw new WebhookUrlRefusedError('unresolvable-host', `${host} does not resolve: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (addresses.length === 0) throw new WebhookUrlRefusedError('unresolvable-host', `${host} resolves to no address`);
    return addresses;
  }
}

/** Lower case, without the brackets of an IPv6 literal. */
function normalHost(host: string): string {
  return host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

function rangeOf(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().range();
  }
  return parsed.range();
}

function isPublicUnicast(address: string): boolean {
  return ipaddr.isValid(address) && rangeOf(address) === 'unicast';
}
