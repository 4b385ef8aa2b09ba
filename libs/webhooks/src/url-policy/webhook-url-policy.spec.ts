import { isIP } from 'node:net';
import { WebhookUrlPolicy, WebhookUrlRefusedError, type HostResolver, type WebhookUrlRefusal } from './webhook-url-policy';

// Every address here is only ever compared: the policy opens no connection, the resolver is a
// table, and an address written in the URL never even reaches it.
const DNS: Record<string, readonly string[]> = {
  'hooks.partner.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example': ['93.184.215.14', '10.0.0.7'],
  'metadata.example': ['169.254.169.254'],
  'internal.example': ['192.168.10.20'],
  'v6-local.example': ['fd00:ec2::254'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'empty.example': [],
};
const resolver: HostResolver = async (host) => {
  if (isIP(host) !== 0) throw new Error(`an address literal (${host}) was sent to the resolver`);
  const found = DNS[host];
  if (found === undefined) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return found;
};
const policy = (options: { allowHttp?: boolean; allowedHosts?: string[] } = {}) =>
  new WebhookUrlPolicy({ allowHttp: options.allowHttp ?? false, allowedHosts: options.allowedHosts ?? [], resolve: resolver });

async function refusal(check: Promise<unknown>): Promise<WebhookUrlRefusal> {
  const error: unknown = await check.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof WebhookUrlRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.refusal;
}

describe('the webhook URL policy', () => {
  it('accepts an https URL whose host resolves to public addresses only, with the addresses checked', async () => {
    const checked = await policy().check('https://hooks.partner.example/partnerships?x=1');
    expect(checked.url.href).toBe('https://hooks.partner.example/partnerships?x=1');
    expect(checked.addresses).toEqual(DNS['hooks.partner.example']);
  });

  it('refuses http unless allowed, and any other scheme always', async () => {
    expect(await refusal(policy().check('http://hooks.partner.example/'))).toBe('scheme-not-allowed');
    await expect(policy({ allowHttp: true }).check('http://hooks.partner.example/')).resolves.toBeDefined();
    expect(await refusal(policy({ allowHttp: true }).check('ftp://hooks.partner.example/'))).toBe('scheme-not-allowed');
    expect(await refusal(policy().check('not a url'))).toBe('not-a-url');
  });

  it.each([
    ['loopback', 'https://127.0.0.1/hook'],
    ['loopback written as a number', 'https://2130706433/hook'],
    ['IPv6 loopback', 'https://[::1]/hook'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a private range', 'https://10.20.30.40/hook'],
    ['a name resolving to a private address', 'https://internal.example/hook'],
    ['a name resolving to the metadata address', 'https://metadata.example/hook'],
    ['a name resolving to an IPv6 unique-local address', 'https://v6-local.example/hook'],
    ['a name resolving to an IPv4-mapped loopback', 'https://mapped.example/hook'],
    ['a name with one private address among public ones', 'https://rebind.example/hook'],
    ['the unspecified address', 'https://0.0.0.0/hook'],
  ])('refuses %s', async (_case, url) => {
    expect(await refusal(policy({ allowHttp: true }).check(url))).toBe('private-address');
  });

  it('lets listed hosts through the address check, and only those', async () => {
    const local = policy({ allowHttp: true, allowedHosts: ['127.0.0.1', 'Internal.Example'] });
    await expect(local.check('http://127.0.0.1:8080/hook')).resolves.toMatchObject({ addresses: ['127.0.0.1'] });
    await expect(local.check('https://internal.example/hook')).resolves.toMatchObject({ addresses: ['192.168.10.20'] });
    expect(await refusal(local.check('http://[::1]:8080/hook'))).toBe('private-address');
  });

  it('refuses a host that does not resolve, or resolves to nothing', async () => {
    expect(await refusal(policy().check('https://nowhere.example/hook'))).toBe('unresolvable-host');
    expect(await refusal(policy().check('https://empty.example/hook'))).toBe('unresolvable-host');
  });

  it('refuses a user or password in the URL', async () => {
    expect(await refusal(policy().check('https://user:pw@hooks.partner.example/hook'))).toBe('credentials-in-url');
  });
});
