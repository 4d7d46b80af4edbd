import { Answer, DnsLookup, LookupStatus } from './dns';
import { SPF_MAX_LOOKUPS, SPF_MAX_MX_HOSTS, SPF_MAX_VOID_LOOKUPS } from '../../limits';
import { isSpfRecord, parseSpfRecord, SpfMechanism, SpfRecord, SpfSyntaxError, SpfTerm, targetDomain } from '../../sending/spf-parser';

// SPF evaluated over live DNS the way a receiver walks it (RFC 7208 section 4.6.4): every include and redirect= is
// followed, a/mx/exists are queried, and the DNS-querying terms and the void lookups are counted across the whole tree.
// Parsing is left to the project's one SPF parser. Internal (not exported from index.ts).

const RFC_LIMITS = 'RFC 7208 section 4.6.4';

/** One step of the walk: an SPF record read (with `record`), a term queried or skipped, or a branch that ended (with `note`). */
export interface SpfStep {
  /** The domain whose SPF record was read, or whose record holds the term. */
  readonly domain: string;
  /** 0 for the checked domain's record, 1 for what it includes (and for its own terms' queries), and so on. */
  readonly depth: number;
  /** The SPF record read at `domain`. */
  readonly record?: string;
  /** The running total of DNS-querying terms after this step. */
  readonly lookups: number;
  /** What happened, e.g. 'a:mail.example.com: 2 addresses' or 'no SPF record (nxdomain)'. */
  readonly note?: string;
}

/** The result of walking a domain's SPF tree. */
export interface SpfEvaluation {
  /** The domain checked, lower case. */
  readonly domain: string;
  /** DNS-querying terms (include, a, mx, ptr, exists, redirect=) counted across the whole tree, up to where the walk stopped. */
  readonly lookups: number;
  /** Lookups of those terms that returned nxdomain or nodata. */
  readonly voidLookups: number;
  /** Each a full sentence; empty when the SPF tree is fine. */
  readonly problems: string[];
  /** The walk in order, for showing on failure. */
  readonly steps: SpfStep[];
}

/** Why the walk reached a record: the term that led there (none for the checked domain). */
interface Via {
  readonly term: SpfTerm;
  /** The domain whose record holds the term. */
  readonly from: string;
}

const isFailure = (status: LookupStatus) => status === 'timeout' || status === 'error';
const isVoid = (status: LookupStatus) => status === 'nxdomain' || status === 'nodata';

/** 1st, 2nd, 3rd, 4th, 11th, 21st...: the walk stops at the first lookup over a limit, so it shows 11th and 3rd. */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Walks the tree once; `stopped` is set when a limit is exceeded, as receivers stop there with permerror. */
class SpfWalk {
  public lookups = 0;
  public voidLookups = 0;
  public readonly problems: string[] = [];
  public readonly steps: SpfStep[] = [];
  private stopped = false;

  constructor(private readonly dns: DnsLookup) {}

  /** Reads and walks the SPF record at `domain`; `chain` holds the domains on the include/redirect path above it. */
  public async visit(domain: string, depth: number, chain: string[], via?: Via): Promise<void> {
    const where = via === undefined ? domain : `${domain} (${via.term.text})`;
    const end = (note: string, problem: string) => {
      this.steps.push({ domain, depth, lookups: this.lookups, note });
      this.problems.push(problem);
    };
    const answer = await this.dns.txt(domain);
    if (isFailure(answer.status)) {
      return end(`${answer.status} asking for TXT`, `${answer.status} asking for TXT at ${where}: ${answer.detail}.`);
    }
    // A void lookup for an include or redirect target; past the limit the walk stops, but the missing record is still reported.
    const voided = via !== undefined && isVoid(answer.status) && this.countVoid(via.from, depth - 1, via.term, answer.status);
    const records = answer.records.filter(isSpfRecord);
    if (records.length === 0) {
      const why = answer.status === 'nxdomain' ? 'the name does not exist (nxdomain)'
        : answer.status === 'nodata' ? 'it has no TXT records (nodata)'
          : answer.records.length === 1 ? 'its only TXT record does not start with v=spf1'
            : `none of its ${answer.records.length} TXT records starts with v=spf1`;
      const effect = via === undefined ? 'receivers find no SPF policy (result none)' : 'receivers fail SPF with permerror';
      const status = answer.status === 'ok' ? 'no v=spf1 TXT record' : answer.status + (voided ? `, void lookup ${this.voidLookups}` : '');
      return end(`no SPF record (${status})`, `no SPF record at ${where}: ${why}, so ${effect}.`);
    }
    if (records.length > 1) {
      const count = records.length === 2 ? 'two' : String(records.length);
      const quoted = [...records].sort().map((r) => JSON.stringify(r)).join(' and ');
      return end(`${count} SPF records`, `${count} SPF records at ${where}: ${quoted}; there must be one, so receivers fail SPF with permerror.`);
    }
    const record = records[0];
    this.steps.push({ domain, depth, record, lookups: this.lookups });
    let parsed: SpfRecord;
    try {
      parsed = parseSpfRecord(record);
    } catch (e) {
      if (!(e instanceof SpfSyntaxError)) throw e;
      return end('syntax error', `the SPF record at ${where} is not valid: ${e.message}.`);
    }
    await this.terms(domain, depth, [...chain, domain], parsed);
  }

  /** The mechanisms in order, then redirect= (which applies only after all of them, and never when there is an `all`). */
  private async terms(domain: string, depth: number, chain: string[], record: SpfRecord): Promise<void> {
    const mechanisms = record.terms.filter((t): t is SpfMechanism => t.kind === 'mechanism');
    for (const term of mechanisms) {
      if (this.stopped) return;
      if (term.name === 'include') {
        await this.follow(domain, depth, chain, term);
      } else if (term.name === 'a' || term.name === 'mx' || term.name === 'exists') {
        await this.query(domain, depth, term);
      } else if (term.name === 'ptr') {
        if (this.count(domain, depth, term)) this.note(domain, depth, `${term.text}: not queried (it depends on the connecting address)`);
      }
    }
    const redirect = record.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (redirect === undefined || this.stopped) return;
    if (mechanisms.some((t) => t.name === 'all')) {
      this.note(domain, depth, `${redirect.text}: ignored, the record has an all mechanism`);
    } else {
      await this.follow(domain, depth, chain, redirect);
    }
  }

  /** include: or redirect=: one lookup, then the target's record, unless it has a macro or closes a loop. */
  private async follow(domain: string, depth: number, chain: string[], term: SpfTerm): Promise<void> {
    if (!this.count(domain, depth, term)) return;
    const target = targetDomain(term);
    if (target === undefined) {
      this.note(domain, depth, `${term.text}: not followed (the domain has a macro, known only to receivers)`);
      return;
    }
    const loopStart = chain.indexOf(target);
    if (loopStart >= 0) {
      const kind = term.kind === 'mechanism' ? 'include' : 'redirect';
      this.steps.push({ domain: target, depth: depth + 1, lookups: this.lookups, note: `${kind} loop, not followed` });
      const path = [...chain.slice(loopStart), target].join(' -> ');
      this.problems.push(`${kind} loop: ${path} (${term.text} in the SPF record of ${domain}); receivers fail SPF with permerror.`);
      return;
    }
    await this.visit(target, depth + 1, chain, { term, from: domain });
  }

  /** a, mx and exists: one lookup, and the query itself (a: A and AAAA; mx: MX; exists: A), unless the domain has a macro. */
  private async query(domain: string, depth: number, term: SpfMechanism): Promise<void> {
    if (!this.count(domain, depth, term)) return;
    const target = term.domainSpec === undefined ? domain : targetDomain(term);
    if (target === undefined) {
      this.note(domain, depth, `${term.text}: not queried (the domain has a macro, known only to receivers)`);
      return;
    }
    let answers: Array<[string, Answer<unknown>]>;
    if (term.name === 'mx') {
      answers = [['MX', await this.dns.mx(target)]];
    } else if (term.name === 'exists') {
      answers = [['A', await this.dns.a(target)]];
    } else {
      const [a, aaaa] = await Promise.all([this.dns.a(target), this.dns.aaaa(target)]);
      answers = [['A', a], ['AAAA', aaaa]];
    }
    const failed = answers.find(([, answer]) => isFailure(answer.status));
    if (failed !== undefined) {
      const [type, answer] = failed;
      this.note(domain, depth, `${term.text}: ${answer.status} asking for ${type}`);
      this.problems.push(`${answer.status} asking for ${type} at ${target} (${term.text} in the SPF record of ${domain}): ${answer.detail}.`);
      return;
    }
    const found = answers.reduce((n, [, answer]) => n + answer.records.length, 0);
    if (found === 0) {
      if (this.countVoid(domain, depth, term, answers[0][1].status)) this.note(domain, depth, `${term.text}: ${answers[0][1].status} (void lookup ${this.voidLookups})`);
      return;
    }
    const what = term.name === 'mx' ? plural(found, 'MX host', 'MX hosts') : plural(found, 'address', 'addresses');
    this.note(domain, depth, `${term.text}: ${what}`);
    if (term.name === 'mx' && found > SPF_MAX_MX_HOSTS) {
      this.problems.push(`${term.text} in the SPF record of ${domain} names ${found} MX hosts at ${target}; more than ${SPF_MAX_MX_HOSTS} make receivers fail SPF with permerror (${RFC_LIMITS}).`);
    }
  }

  /** Counts one DNS-querying term; past the limit, records the problem, stops the walk and returns false. */
  private count(domain: string, depth: number, term: SpfTerm): boolean {
    this.lookups++;
    if (this.lookups <= SPF_MAX_LOOKUPS) return true;
    this.stopped = true;
    this.note(domain, depth, `${term.text}: lookup ${this.lookups}, over the limit of ${SPF_MAX_LOOKUPS}; the walk stops`);
    this.problems.push(`more than ${SPF_MAX_LOOKUPS} DNS lookups (${this.lookups}): ${term.text} in the SPF record of ${domain} is the ${ordinal(this.lookups)}; `
      + `receivers stop there and fail SPF with permerror (${RFC_LIMITS}), so the rest of the tree was not checked.`);
    return false;
  }

  /** Counts a void lookup; past the limit, records the problem, stops the walk and returns false. */
  private countVoid(domain: string, depth: number, term: SpfTerm, status: LookupStatus): boolean {
    this.voidLookups++;
    if (this.voidLookups <= SPF_MAX_VOID_LOOKUPS) return true;
    this.stopped = true;
    this.note(domain, depth, `${term.text}: ${status} (void lookup ${this.voidLookups}, over the limit of ${SPF_MAX_VOID_LOOKUPS}); the walk stops`);
    this.problems.push(`more than ${SPF_MAX_VOID_LOOKUPS} void lookups (${this.voidLookups}): ${term.text} in the SPF record of ${domain} found no records (${status}), `
      + `the ${ordinal(this.voidLookups)} such lookup; receivers stop there and fail SPF with permerror (${RFC_LIMITS}).`);
    return false;
  }

  /** A step about a term of the record at `domain` (which is at `depth`): shown one level below the record. */
  private note(domain: string, depth: number, note: string): void {
    this.steps.push({ domain, depth: depth + 1, lookups: this.lookups, note });
  }
}

/**
 * Walks the SPF tree of `domain` over DNS in term order (sequentially, so counts are deterministic): the v=spf1 TXT
 * record, then each include: and redirect= target in turn, querying a, mx and exists, counting the DNS-querying terms
 * and the void lookups (RFC 7208 section 4.6.4). Stops where receivers would, at the 11th lookup or the 3rd void lookup.
 * Timeouts and server failures are problems saying so, never "no SPF record".
 */
export async function evaluateSpf(domain: string, lookup: DnsLookup): Promise<SpfEvaluation> {
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  const walk = new SpfWalk(lookup);
  await walk.visit(name, 0, []);
  return { domain: name, lookups: walk.lookups, voidLookups: walk.voidLookups, problems: walk.problems, steps: walk.steps };
}
