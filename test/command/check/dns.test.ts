import { promises as dnsPromises } from 'dns';
import { authoritativeServers, DnsLookup, NodeDnsLookup, nameserverAddress } from '../../../src/command/check/dns';
import { bindAvailable, BindServer, startBind, startLossyRelay, startSilentServer } from '../../helpers/bind-server';

// Everything here runs against a real BIND (named) on a loopback port; CI installs bind9, so a missing named fails.

let bind: BindServer;
let silent: BindServer;

beforeAll(async () => {
  expect(bindAvailable()).toBe(true);
  silent = await startSilentServer();
  bind = await startBind([
    {
      origin: 'example.test',
      records: [
        'example.test. IN NS ns1.example.test.',
        'ns1.example.test. IN A 127.0.0.1',
        'example.test. IN TXT "v=spf1 include:amazonses.com" " -all"',
        'example.test. IN TXT "hello"',
        'example.test. IN MX 10 mail.example.test.',
        'example.test. IN MX 20 Backup.Example.Test.',
        'mail.example.test. IN A 192.0.2.10',
        'www.example.test. IN CNAME Target.Example.Test.',
        'host.example.test. IN A 192.0.2.1',
        'host.example.test. IN A 192.0.2.2',
        'host.example.test. IN AAAA 2001:db8::1',
        'txtonly.example.test. IN TXT "only text"',
        'leaf.branch.example.test. IN TXT "makes branch.example.test an empty non-terminal"',
      ],
    },
    {
      origin: 'multi.test',
      records: [
        'multi.test. IN NS ns-b.multi.test.',
        'multi.test. IN NS ns-a.multi.test.',
        'ns-a.multi.test. IN A 127.0.0.2',
        'ns-a.multi.test. IN AAAA ::1',
        'ns-b.multi.test. IN A 127.0.0.3',
      ],
    },
    { origin: 'noaddr.test', records: ['noaddr.test. IN NS ns.elsewhere.invalid.'] },
  ]);
}, 30_000);

afterAll(async () => {
  await bind?.stop();
  await silent?.stop();
});

const lookup = () => new NodeDnsLookup([bind.address], { timeoutMs: 2000, tries: 2 });

describe('NodeDnsLookup against BIND', () => {
  test('TXT joins the character-strings of each record', async () => {
    const answer = await lookup().txt('example.test');
    expect(answer.status).toBe('ok');
    expect([...answer.records].sort()).toEqual(['hello', 'v=spf1 include:amazonses.com -all']);
    expect(answer.detail).toBeUndefined();
  });

  test('MX gives priorities and lower-case hosts without the trailing dot', async () => {
    const answer = await lookup().mx('example.test.');
    expect(answer.status).toBe('ok');
    expect([...answer.records].sort((x, y) => x.priority - y.priority)).toEqual([
      { priority: 10, exchange: 'mail.example.test' },
      { priority: 20, exchange: 'backup.example.test' },
    ]);
  });

  test('CNAME', async () => {
    expect(await lookup().cname('WWW.Example.TEST')).toEqual({ status: 'ok', records: ['target.example.test'] });
  });

  test('A and AAAA', async () => {
    const dns = lookup();
    const a = await dns.a('host.example.test');
    expect({ ...a, records: [...a.records].sort() }).toEqual({ status: 'ok', records: ['192.0.2.1', '192.0.2.2'] });
    expect(await dns.aaaa('host.example.test')).toEqual({ status: 'ok', records: ['2001:db8::1'] });
  });

  test('NS', async () => {
    expect(await lookup().ns('example.test')).toEqual({ status: 'ok', records: ['ns1.example.test'] });
  });

  test('a name that does not exist is nxdomain; an existing name without the type is nodata', async () => {
    const dns = lookup();
    expect(await dns.txt('missing.example.test')).toEqual({ status: 'nxdomain', records: [] });
    expect(await dns.a('missing.example.test')).toEqual({ status: 'nxdomain', records: [] });
    expect(await dns.a('txtonly.example.test')).toEqual({ status: 'nodata', records: [] });
    expect(await dns.mx('host.example.test')).toEqual({ status: 'nodata', records: [] });
    expect(await dns.aaaa('mail.example.test')).toEqual({ status: 'nodata', records: [] });
    // An empty non-terminal exists: nodata, not nxdomain.
    expect(await dns.txt('branch.example.test')).toEqual({ status: 'nodata', records: [] });
  });

  test('a server refusing the query is an error with the code, never "not found"', async () => {
    const answer = await lookup().txt('not-served.invalid');
    expect(answer).toEqual({ status: 'error', records: [], detail: 'EREFUSED: the server refused the query (REFUSED)' });
  });

  test('no answer in time is a timeout, never "not found"', async () => {
    const dns = new NodeDnsLookup([silent.address], { timeoutMs: 300, tries: 1 });
    const started = Date.now();
    const answer = await dns.txt('example.test');
    expect(answer).toEqual({ status: 'timeout', records: [], detail: 'no answer to 1 try (timeout 300 ms)' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a lost query is sent again: with two of each question dropped, the third try is answered', async () => {
    const relay = await startLossyRelay(bind, 2);
    try {
      const answer = await new NodeDnsLookup([relay.address], { timeoutMs: 200, tries: 3 }).txt('txtonly.example.test');
      expect(answer).toEqual({ status: 'ok', records: ['only text'] });
      const tooFew = await new NodeDnsLookup([relay.address], { timeoutMs: 200, tries: 2 }).txt('host.example.test');
      expect(tooFew).toEqual({ status: 'timeout', records: [], detail: 'no answer to 2 tries (timeouts 200 and 400 ms)' });
    } finally {
      await relay.stop();
    }
  });

  test('once a query has gone unanswered after all its tries, later ones get one try', async () => {
    const dns = new NodeDnsLookup([silent.address], { timeoutMs: 200, tries: 3 });
    expect(await dns.txt('one.example.test')).toEqual({ status: 'timeout', records: [], detail: 'no answer to 3 tries (timeouts 200, 400 and 600 ms)' });
    expect(await dns.mx('two.example.test')).toEqual({
      status: 'timeout', records: [], detail: 'no answer to 1 try (timeout 200 ms; an earlier query had gone unanswered, so one try)',
    });
  });

  test('each (type, name) is asked once: concurrent and later calls share one promise', async () => {
    const dns = lookup();
    // Every resolver of the lookup (one a try) shares the prototype.
    const resolveTxt = jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt');
    const resolve4 = jest.spyOn(dnsPromises.Resolver.prototype, 'resolve4');

    const first = dns.txt('example.test');
    const second = dns.txt('EXAMPLE.test.');
    expect(second).toBe(first);
    const [x, y] = await Promise.all([first, second]);
    expect(y).toBe(x);
    expect(x.status).toBe('ok');
    expect(dns.txt('example.test')).toBe(first);
    expect(resolveTxt).toHaveBeenCalledTimes(1);
    expect(resolveTxt).toHaveBeenCalledWith('example.test');

    // Another type or another name is another question; failures are memoized too.
    await dns.a('example.test');
    await dns.txt('missing.example.test');
    await dns.txt('missing.example.test.');
    expect(resolveTxt).toHaveBeenCalledTimes(2);
    expect(resolve4).toHaveBeenCalledTimes(1);
    resolveTxt.mockRestore();
    resolve4.mockRestore();
  });
});

describe('nameserverAddress', () => {
  test.each([
    ['127.0.0.1:5300', '127.0.0.1:5300'],
    ['192.0.2.1', '192.0.2.1'],
    ['[::1]:53', '[::1]:53'],
    ['[2001:db8::53]:5353', '[2001:db8::53]:5353'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    [' 127.0.0.1 ', '127.0.0.1'],
  ])('%s -> %s', async (text, server) => {
    expect(await nameserverAddress(text)).toBe(server);
  });

  test('a host name is resolved first', async () => {
    const { address, family } = await dnsPromises.lookup('localhost');
    const expected = family === 6 ? `[${address}]:53` : `${address}:53`;
    expect(await nameserverAddress('localhost:53')).toBe(expected);
    expect(expected).toMatch(/^(127\.0\.0\.1|\[::1\]):53$/);
  });

  test.each([
    ['x:99999', "bad --nameserver 'x:99999': the port '99999' is not a number from 1 to 65535"],
    ['127.0.0.1:0', "bad --nameserver '127.0.0.1:0': the port '0' is not a number from 1 to 65535"],
    ['127.0.0.1:', "bad --nameserver '127.0.0.1:': the port '' is not a number from 1 to 65535"],
    ['[::1]:port', "bad --nameserver '[::1]:port': the port 'port' is not a number from 1 to 65535"],
    ['[localhost]:53', "bad --nameserver '[localhost]:53': 'localhost' in brackets is not an IPv6 address"],
    [':53', "bad --nameserver ':53': no host (write HOST or HOST:PORT)"],
    ['', "bad --nameserver '': no host (write HOST or HOST:PORT)"],
  ])('%j is refused', async (text, message) => {
    await expect(nameserverAddress(text)).rejects.toThrow(new Error(message));
  });
});

describe('authoritativeServers against BIND', () => {
  test('walks up to the zone and returns the addresses of its name server', async () => {
    const dns = lookup();
    expect(await authoritativeServers('example.test', dns)).toEqual(['127.0.0.1']);
    expect(await authoritativeServers('Mail.Example.Test.', dns)).toEqual(['127.0.0.1']); // exists, no NS: nodata
    expect(await authoritativeServers('a.b.missing.example.test', dns)).toEqual(['127.0.0.1']); // nxdomain
  });

  test('with a port, each server carries it', async () => {
    expect(await authoritativeServers('host.example.test', lookup(), bind.port)).toEqual([`127.0.0.1:${bind.port}`]);
  });

  test('several name servers: sorted by name, A before AAAA', async () => {
    expect(await authoritativeServers('multi.test', lookup(), 53)).toEqual(['127.0.0.2:53', '[::1]:53', '127.0.0.3:53']);
    expect(await authoritativeServers('multi.test', lookup())).toEqual(['127.0.0.2', '::1', '127.0.0.3']);
  });

  test('the servers found answer for the zone', async () => {
    const servers = await authoritativeServers('example.test', lookup(), bind.port);
    expect(await new NodeDnsLookup(servers).a('mail.example.test')).toEqual({ status: 'ok', records: ['192.0.2.10'] });
  });

  test('says what failed', async () => {
    await expect(authoritativeServers('nowhere.invalid', lookup())).rejects.toThrow(new Error(
      'cannot find the name servers of nowhere.invalid: asking for NS at nowhere.invalid failed (error: EREFUSED: the server refused the query (REFUSED))',
    ));
    await expect(authoritativeServers('noaddr.test', lookup())).rejects.toThrow(new Error(
      'cannot find the addresses of the name servers of noaddr.test (ns.elsewhere.invalid): '
      + 'A of ns.elsewhere.invalid: error (EREFUSED: the server refused the query (REFUSED)); '
      + 'AAAA of ns.elsewhere.invalid: error (EREFUSED: the server refused the query (REFUSED))',
    ));
    const slow = new NodeDnsLookup([silent.address], { timeoutMs: 300, tries: 1 });
    await expect(authoritativeServers('example.test', slow)).rejects.toThrow(new Error(
      'cannot find the name servers of example.test: asking for NS at example.test failed (timeout: no answer to 1 try (timeout 300 ms))',
    ));
    await expect(authoritativeServers('.', lookup())).rejects.toThrow(new Error("cannot find the name servers of '.': it is not a domain name"));
  });
});

describe('NodeDnsLookup failures, each error the resolver throws', () => {
  const coded = (code: string) => Object.assign(new Error(`query failed: ${code}`), { code });
  afterEach(() => jest.restoreAllMocks());

  test.each<[string, unknown, object]>([
    ['ESERVFAIL', coded('ESERVFAIL'), { status: 'error', records: [], detail: 'ESERVFAIL: the server failed (SERVFAIL)' }],
    ['EREFUSED', coded('EREFUSED'), { status: 'error', records: [], detail: 'EREFUSED: the server refused the query (REFUSED)' }],
    ['ECONNREFUSED', coded('ECONNREFUSED'), { status: 'error', records: [], detail: 'ECONNREFUSED: connection refused' }],
    ['EFORMERR', coded('EFORMERR'), { status: 'error', records: [], detail: 'EFORMERR: the server said the query was malformed (FORMERR)' }],
    ['EBADRESP', coded('EBADRESP'), { status: 'error', records: [], detail: 'EBADRESP: the server sent a malformed reply' }],
    ['ENOTIMP', coded('ENOTIMP'), { status: 'error', records: [], detail: 'ENOTIMP: the server does not implement the query (NOTIMP)' }],
    ['EBADNAME', coded('EBADNAME'), { status: 'error', records: [], detail: 'EBADNAME: the name is not a valid DNS name' }],
    ['ECANCELLED', coded('ECANCELLED'), { status: 'error', records: [], detail: 'ECANCELLED: the query was cancelled' }],
    ['a code without a text', coded('EOTHER'), { status: 'error', records: [], detail: 'EOTHER' }],
    ['ENOTFOUND', coded('ENOTFOUND'), { status: 'nxdomain', records: [] }],
    ['ENODATA', coded('ENODATA'), { status: 'nodata', records: [] }],
    ['an Error without a code', new Error('broken'), { status: 'error', records: [], detail: 'broken' }],
    ['a code that is not a string', Object.assign(new Error('numbered'), { code: 7 }), { status: 'error', records: [], detail: 'numbered' }],
    ['a thrown string', 'went wrong', { status: 'error', records: [], detail: 'went wrong' }],
    ['undefined', undefined, { status: 'error', records: [], detail: 'undefined' }],
  ])('%s', async (_, error, answer) => {
    jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt').mockRejectedValue(error);
    expect(await new NodeDnsLookup([bind.address], { tries: 1 }).txt('example.test')).toEqual(answer);
  });

  test('a name with blanks around it is the same question', async () => {
    const resolveTxt = jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt').mockResolvedValue([['x']]);
    const dns = new NodeDnsLookup([bind.address]);
    expect(await dns.txt(' Example.Test. ')).toEqual({ status: 'ok', records: ['x'] });
    expect(resolveTxt).toHaveBeenCalledWith('example.test');
  });

  test('an empty answer is nodata', async () => {
    jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt').mockResolvedValue([]);
    expect(await new NodeDnsLookup([bind.address]).txt('example.test')).toEqual({ status: 'nodata', records: [] });
  });

  test('by default three tries, waiting 1, 2 and 3 s', async () => {
    const resolveTxt = jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt').mockRejectedValue(coded('ETIMEOUT'));
    expect(await new NodeDnsLookup([bind.address]).txt('example.test')).toEqual({
      status: 'timeout', records: [], detail: 'no answer to 3 tries (timeouts 1000, 2000 and 3000 ms)',
    });
    expect(resolveTxt).toHaveBeenCalledTimes(3);
  });

  test('the system resolver keeps all its tries after a query went unanswered', async () => {
    jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt').mockRejectedValue(coded('ETIMEOUT'));
    const dns = new NodeDnsLookup(undefined, { timeoutMs: 10, tries: 2 });
    expect(await dns.txt('one.example.test')).toEqual({ status: 'timeout', records: [], detail: 'no answer to 2 tries (timeouts 10 and 20 ms)' });
    expect(await dns.txt('two.example.test')).toEqual({ status: 'timeout', records: [], detail: 'no answer to 2 tries (timeouts 10 and 20 ms)' });
  });

  test('one try in all: still one try after a query went unanswered, without the note', async () => {
    jest.spyOn(dnsPromises.Resolver.prototype, 'resolveTxt').mockRejectedValue(coded('ETIMEOUT'));
    const dns = new NodeDnsLookup([bind.address], { timeoutMs: 10, tries: 1 });
    expect(await dns.txt('one.example.test')).toEqual({ status: 'timeout', records: [], detail: 'no answer to 1 try (timeout 10 ms)' });
    expect(await dns.txt('two.example.test')).toEqual({ status: 'timeout', records: [], detail: 'no answer to 1 try (timeout 10 ms)' });
  });
});

describe('nameserverAddress, more', () => {
  afterEach(() => jest.restoreAllMocks());
  const lookupHost = () => jest.spyOn(jest.requireActual<typeof import('dns')>('dns').promises, 'lookup');

  test.each([
    ['127.0.0.1:65535', '127.0.0.1:65535'],
    ['127.0.0.1:1', '127.0.0.1:1'],
  ])('%s -> %s', async (text, server) => {
    expect(await nameserverAddress(text)).toBe(server);
  });

  test.each([
    ['127.0.0.1:65536', "bad --nameserver '127.0.0.1:65536': the port '65536' is not a number from 1 to 65535"],
    ['a:b:53', "bad --nameserver 'a:b:53': an IPv6 address with a port must be written '[address]:port'"],
    ['x[::1]:53', "bad --nameserver 'x[::1]:53': an IPv6 address with a port must be written '[address]:port'"],
    ['[::1]x', "bad --nameserver '[::1]x': an IPv6 address with a port must be written '[address]:port'"],
    ['127.0.0.1: 53', "bad --nameserver '127.0.0.1: 53': the port ' 53' is not a number from 1 to 65535"],
    ['127.0.0.1:0x35', "bad --nameserver '127.0.0.1:0x35': the port '0x35' is not a number from 1 to 65535"],
  ])('%j is refused', async (text, message) => {
    await expect(nameserverAddress(text)).rejects.toThrow(new Error(message));
  });

  test('a host name that resolves to an IPv6 address, with a port: in brackets; without a port: bare', async () => {
    lookupHost().mockResolvedValue({ address: '2001:db8::53', family: 6 } as never);
    expect(await nameserverAddress('ns.example.test:5353')).toBe('[2001:db8::53]:5353');
    expect(await nameserverAddress('ns.example.test')).toBe('2001:db8::53');
  });

  test.each<[string, unknown, string]>([
    ['with a code', Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 'ENOTFOUND'],
    ['without a code', new Error('lookup broke'), 'Error: lookup broke'],
  ])('a host name that does not resolve, %s', async (_, error, why) => {
    lookupHost().mockRejectedValue(error);
    await expect(nameserverAddress('ns.example.test')).rejects.toThrow(new Error(`bad --nameserver 'ns.example.test': cannot resolve the host name 'ns.example.test' (${why})`));
  });
});

describe('authoritativeServers with a lookup written by hand', () => {
  const none = async () => ({ status: 'nxdomain' as const, records: [] });
  const stub = (answers: Record<string, { status: 'ok' | 'nodata' | 'nxdomain' | 'timeout'; records: string[]; detail?: string }>): DnsLookup => {
    const ask = (type: string) => async (name: string) => answers[`${type} ${name}`] ?? { status: 'nxdomain' as const, records: [] };
    return { txt: none, mx: none as never, cname: none, a: ask('A'), aaaa: ask('AAAA'), ns: ask('NS') };
  };

  test('no NS records up to the top: says so', async () => {
    // The root's own NS records are never asked for.
    const root = stub({ 'NS ': { status: 'ok', records: ['root.example'] }, 'A root.example': { status: 'ok', records: ['192.0.2.9'] } });
    await expect(authoritativeServers('a.b.example', root)).rejects.toThrow(new Error('cannot find the name servers of a.b.example: no NS records at it or any parent domain'));
  });

  test('name servers without addresses: says so', async () => {
    const dns = stub({ 'NS example': { status: 'ok', records: ['ns1.example', 'ns2.example'] }, 'A ns1.example': { status: 'nodata', records: [] } });
    await expect(authoritativeServers('a.example', dns)).rejects.toThrow(new Error('cannot find the addresses of the name servers of example (ns1.example, ns2.example): none of them has an A or AAAA record'));
  });

  test('a name server whose address lookup times out: says so', async () => {
    const dns = stub({ 'NS example': { status: 'ok', records: ['ns1.example'] }, 'A ns1.example': { status: 'timeout', records: [], detail: 'no answer' } });
    await expect(authoritativeServers('a.example', dns)).rejects.toThrow(new Error('cannot find the addresses of the name servers of example (ns1.example): A of ns1.example: timeout (no answer)'));
  });

  test('the nearest zone wins; two name servers at one address give one server; NS names deduplicated', async () => {
    const dns = stub({
      'NS b.example': { status: 'ok', records: ['ns2.example', 'ns1.example', 'ns2.example'] },
      'NS example': { status: 'ok', records: ['other.example'] },
      'A ns1.example': { status: 'ok', records: ['192.0.2.1'] },
      'A ns2.example': { status: 'ok', records: ['192.0.2.1', '192.0.2.2'] },
      'AAAA ns2.example': { status: 'ok', records: ['2001:db8::2'] },
    });
    expect(await authoritativeServers('a.b.example', dns)).toEqual(['192.0.2.1', '192.0.2.2', '2001:db8::2']);
  });
});

test('each try waits its own timeout: the second twice the first', async () => {
  const dns = new NodeDnsLookup([silent.address], { timeoutMs: 300, tries: 2 });
  const started = Date.now();
  expect((await dns.txt('slow.example.test')).status).toBe('timeout');
  expect(Date.now() - started).toBeGreaterThanOrEqual(850);
});
