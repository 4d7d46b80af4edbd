import { promises as dnsPromises } from 'dns';
import { isIP, isIPv4, isIPv6 } from 'net';
import { QueryPool } from './pool';

// Live DNS for `cdk-verified-mail-domain check`: a small lookup interface over Node's resolver (c-ares),
// which keeps "the name does not exist", "no records of that type", "no answer in time" and other
// failures apart, so a timeout is never reported as a missing record. Queries go through a QueryPool (a few in
// flight at once) and one that gets no answer is sent again after a short timeout, several times, before the
// lookup says 'timeout'. Internal (not exported from index.ts).

/**
 * Where the check finds DNS when no --nameserver is given: the system resolver, and port 53 of each domain's name
 * servers. Tests point both at a BIND on a loopback port, so the default way (NS records walked) runs for real.
 */
export interface DnsEnvironment {
  /** The resolver's servers. @default - the system's */
  readonly systemServers?: string[];
  /** The port the authoritative name servers are asked on. @default 53 */
  readonly nameServerPort?: number;
}

/** How a lookup ended: records found, the name does not exist, the name exists without records of the type, no answer in time, or another failure. */
export type LookupStatus = 'ok' | 'nxdomain' | 'nodata' | 'timeout' | 'error';

/** The outcome of one lookup: records only when the status is 'ok'; `detail` says why for 'timeout' and 'error'. */
export interface Answer<T> {
  /** How the lookup ended. */
  readonly status: LookupStatus;
  /** The records found; empty unless the status is 'ok'. */
  readonly records: T[];
  /** For 'timeout' and 'error': what happened, e.g. 'no answer to 3 tries (timeouts 1000, 2000 and 3000 ms)' or 'ESERVFAIL: the server failed (SERVFAIL)'. */
  readonly detail?: string;
}

/** One MX record. */
export interface MxRecord {
  /** The preference; lower is preferred. */
  readonly priority: number;
  /** The mail host, lower case, without a trailing dot. */
  readonly exchange: string;
}

/** The DNS questions the check asks. Names may be given with or without a trailing dot, in any case. */
export interface DnsLookup {
  /** TXT records at the name, each record's character-strings joined with no separator. */
  txt(name: string): Promise<Answer<string>>;
  /** MX records at the name. */
  mx(name: string): Promise<Answer<MxRecord>>;
  /** The CNAME target at the name (lower case, no trailing dot). */
  cname(name: string): Promise<Answer<string>>;
  /** IPv4 addresses (A records) at the name. */
  a(name: string): Promise<Answer<string>>;
  /** IPv6 addresses (AAAA records) at the name. */
  aaaa(name: string): Promise<Answer<string>>;
  /** Name server names (NS records) at the name (lower case, no trailing dot). */
  ns(name: string): Promise<Answer<string>>;
}

/** How patient a NodeDnsLookup is, and how many queries it may have in flight. */
export interface NodeDnsOptions {
  /** How long to wait for the first try, in milliseconds; the n-th try waits n times as long. @default 1000 */
  readonly timeoutMs?: number;
  /** How many times to send a query that gets no answer before giving up. @default 3 */
  readonly tries?: number;
  /** The pool that bounds the queries in flight; share one between the lookups of a run. @default - a pool of its own */
  readonly pool?: QueryPool;
}

/** Node's resolver error codes that are not simply "failed", with what they mean. */
const ERROR_TEXT: Readonly<Record<string, string>> = {
  ESERVFAIL: 'the server failed (SERVFAIL)',
  EREFUSED: 'the server refused the query (REFUSED)',
  ECONNREFUSED: 'connection refused',
  EFORMERR: 'the server said the query was malformed (FORMERR)',
  EBADRESP: 'the server sent a malformed reply',
  ENOTIMP: 'the server does not implement the query (NOTIMP)',
  EBADNAME: 'the name is not a valid DNS name',
  ECANCELLED: 'the query was cancelled',
};

/** A query that got no answer to any of its tries. */
class Unanswered extends Error {
  /** `reduced`: one try only, because an earlier query had gone unanswered. */
  constructor(public readonly tries: number, public readonly reduced: boolean) {
    super(`no answer to ${tries} tries`);
  }
}

/** Lower case, surrounding blanks and one trailing dot removed. */
function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Asks the given servers ('127.0.0.1:5300', '[::1]:53', '192.0.2.1'), each (type, name) once: answers are memoized
 * (also concurrent duplicate calls share one promise). `servers` undefined means the system resolver's servers.
 */
export class NodeDnsLookup implements DnsLookup {
  /** The resolver of each try: the n-th waits n times timeoutMs (made when first needed). */
  private readonly resolvers: dnsPromises.Resolver[] = [];
  private readonly servers: string[] | undefined;
  private readonly timeoutMs: number;
  private readonly tries: number;
  private readonly pool: QueryPool;
  /** True once a query has gone unanswered after all its tries. */
  private unanswered = false;
  private readonly answers = new Map<string, Promise<Answer<unknown>>>();

  /** `servers` as accepted by dns.Resolver.setServers (see nameserverAddress); undefined uses the system's. */
  constructor(servers: string[] | undefined, options: NodeDnsOptions = {}) {
    this.servers = servers;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.tries = options.tries ?? 3;
    this.pool = options.pool ?? new QueryPool();
  }

  /**
   * The resolver of the given try (1, 2, ...): one c-ares try each, waiting `try` times timeoutMs. The retries are ours,
   * each waiting for a place in the pool, so a query waiting there is never counted as lost; a lost one is sent again
   * soon, and a slow server still gets as long in all as c-ares's default of 2 tries at 3 s each would give it.
   */
  private resolver(attempt: number): dnsPromises.Resolver {
    let resolver = this.resolvers[attempt - 1];
    if (resolver === undefined) {
      resolver = new dnsPromises.Resolver({ timeout: this.timeoutMs * attempt, tries: 1 });
      if (this.servers !== undefined) resolver.setServers(this.servers);
      this.resolvers[attempt - 1] = resolver;
    }
    return resolver;
  }

  /** TXT records at the name, each record's character-strings joined with no separator. */
  public txt(name: string): Promise<Answer<string>> {
    return this.ask('TXT', name, async (r, n) => (await r.resolveTxt(n)).map((strings) => strings.join('')));
  }

  /** MX records at the name. */
  public mx(name: string): Promise<Answer<MxRecord>> {
    return this.ask('MX', name, async (r, n) => (await r.resolveMx(n)).map((mx) => ({ priority: mx.priority, exchange: normalize(mx.exchange) })));
  }

  /** The CNAME target at the name. */
  public cname(name: string): Promise<Answer<string>> {
    return this.ask('CNAME', name, async (r, n) => (await r.resolveCname(n)).map(normalize));
  }

  /** IPv4 addresses at the name. */
  public a(name: string): Promise<Answer<string>> {
    return this.ask('A', name, (r, n) => r.resolve4(n));
  }

  /** IPv6 addresses at the name. */
  public aaaa(name: string): Promise<Answer<string>> {
    return this.ask('AAAA', name, (r, n) => r.resolve6(n));
  }

  /** Name server names at the name. */
  public ns(name: string): Promise<Answer<string>> {
    return this.ask('NS', name, async (r, n) => (await r.resolveNs(n)).map(normalize));
  }

  /** The one promise for (type, name): started on the first call, shared by every later one. */
  private ask<T>(type: string, name: string, query: (resolver: dnsPromises.Resolver, name: string) => Promise<T[]>): Promise<Answer<T>> {
    const normalized = normalize(name);
    const key = `${type} ${normalized}`;
    let answer = this.answers.get(key) as Promise<Answer<T>> | undefined;
    if (answer === undefined) {
      answer = this.send((resolver) => query(resolver, normalized)).then(
        (records): Answer<T> => (records.length > 0 ? { status: 'ok', records } : { status: 'nodata', records: [] }),
        (error: unknown): Answer<T> => this.failure<T>(error),
      );
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * Runs the query in the pool; sends it again while it times out, up to `tries` times in all. Once one query to the given
   * servers has gone unanswered that often, they are likely down: later ones get one try each, so a dead server costs
   * seconds, not minutes.
   */
  private async send<T>(query: (resolver: dnsPromises.Resolver) => Promise<T>): Promise<T> {
    // Not for the system resolver: there a timeout more likely means one slow domain behind it than a dead resolver.
    const reduced = this.unanswered && this.tries > 1 && this.servers !== undefined;
    const tries = reduced ? 1 : this.tries;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.run(() => query(this.resolver(attempt)));
      } catch (error) {
        if ((error as { code?: unknown } | undefined)?.code !== 'ETIMEOUT') throw error;
        if (attempt >= tries) {
          this.unanswered = true;
          throw new Unanswered(attempt, reduced);
        }
      }
    }
  }

  /** Maps Node's error codes onto statuses; anything unknown is an 'error' with its code, never "not found". */
  private failure<T>(error: unknown): Answer<T> {
    if (error instanceof Unanswered) {
      const waits = Array.from({ length: error.tries }, (_, i) => this.timeoutMs * (i + 1));
      const waited = waits.length === 1 ? `${waits[0]} ms` : `${waits.slice(0, -1).join(', ')} and ${waits[waits.length - 1]} ms`;
      const tries = error.tries === 1 ? `1 try (timeout ${waited}` : `${error.tries} tries (timeouts ${waited}`;
      return { status: 'timeout', records: [], detail: `no answer to ${tries}${error.reduced ? '; an earlier query had gone unanswered, so one try' : ''})` };
    }
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code === 'ENOTFOUND') return { status: 'nxdomain', records: [] };
    if (code === 'ENODATA') return { status: 'nodata', records: [] };
    if (typeof code === 'string') {
      const text = ERROR_TEXT[code];
      return { status: 'error', records: [], detail: text === undefined ? code : `${code}: ${text}` };
    }
    return { status: 'error', records: [], detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * 'HOST[:PORT]' as given to --nameserver -> the server string dns.Resolver.setServers accepts. HOST is an IPv4 address,
 * an IPv6 address (with a port: '[v6]:port'), or a host name, which is resolved with dns.promises.lookup first.
 * Throws an Error with a clear message for a bad value.
 */
export async function nameserverAddress(text: string): Promise<string> {
  const value = text.trim();
  const bad = (why: string) => new Error(`bad --nameserver '${text}': ${why}`);
  let host: string;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    [, host, port] = bracketed;
    if (!isIPv6(host)) throw bad(`'${host}' in brackets is not an IPv6 address`);
  } else if (isIPv6(value)) {
    host = value;
  } else {
    const colon = value.lastIndexOf(':');
    host = colon < 0 ? value : value.slice(0, colon);
    port = colon < 0 ? undefined : value.slice(colon + 1);
    if (host.includes(':')) throw bad("an IPv6 address with a port must be written '[address]:port'");
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw bad(`the port '${port}' is not a number from 1 to 65535`);
  }
  if (host === '') throw bad('no host (write HOST or HOST:PORT)');
  let address = host;
  if (isIP(host) === 0) {
    try {
      address = (await dnsPromises.lookup(host)).address;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw bad(`cannot resolve the host name '${host}' (${typeof code === 'string' ? code : String(e)})`);
    }
  }
  if (port === undefined) return address;
  return isIPv4(address) ? `${address}:${port}` : `[${address}]:${port}`;
}

/**
 * The authoritative servers of `domain`: walks up the labels until an NS answer (via `lookup`, normally the system resolver),
 * resolves each NS host to its addresses (A and AAAA) and returns them as server strings for NodeDnsLookup, sorted by NS name,
 * IPv4 before IPv6, without duplicates. With `port` (for tests against a server on another port) each address carries it,
 * e.g. '127.0.0.1:5300' or '[::1]:5300'; without, the addresses are bare (port 53). Throws an Error saying what failed.
 */
export async function authoritativeServers(domain: string, lookup: DnsLookup, port?: number): Promise<string[]> {
  const labels = normalize(domain).split('.').filter((l) => l !== '');
  if (labels.length === 0) throw new Error(`cannot find the name servers of '${domain}': it is not a domain name`);
  let zone: string | undefined;
  let hosts: string[] = [];
  for (let i = 0; i < labels.length && zone === undefined; i++) {
    const name = labels.slice(i).join('.');
    const answer = await lookup.ns(name);
    if (answer.status === 'ok') {
      zone = name;
      hosts = [...new Set(answer.records)].sort();
    } else if (answer.status === 'timeout' || answer.status === 'error') {
      throw new Error(`cannot find the name servers of ${normalize(domain)}: asking for NS at ${name} failed (${answer.status}: ${answer.detail})`);
    }
  }
  if (zone === undefined) throw new Error(`cannot find the name servers of ${normalize(domain)}: no NS records at it or any parent domain`);
  const servers: string[] = [];
  const failures: string[] = [];
  for (const host of hosts) {
    for (const [type, answer] of [['A', await lookup.a(host)], ['AAAA', await lookup.aaaa(host)]] as const) {
      if (answer.status === 'ok') {
        for (const address of answer.records) {
          const server = port === undefined ? address : (type === 'A' ? `${address}:${port}` : `[${address}]:${port}`);
          if (!servers.includes(server)) servers.push(server);
        }
      } else if (answer.status === 'timeout' || answer.status === 'error') {
        failures.push(`${type} of ${host}: ${answer.status} (${answer.detail})`);
      }
    }
  }
  if (servers.length === 0) {
    const why = failures.length > 0 ? failures.join('; ') : 'none of them has an A or AAAA record';
    throw new Error(`cannot find the addresses of the name servers of ${zone} (${hosts.join(', ')}): ${why}`);
  }
  return servers;
}
