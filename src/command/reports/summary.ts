import { AggregateReport, ReportRecord } from './aggregate';

// The `reports` command's verdict for each domain over the reports read: how much mail passed DMARC, which sources
// fail, and the next step on the road p=none -> p=quarantine -> p=reject. Memory grows with the number of domains
// and distinct failing sources, never with the number of reports. The rule is written down in the README
// ("From p=none to p=reject"); the numbers are RULE's.

/** The thresholds of the recommendation. */
export const RULE = {
  /** Messages the reports must cover before any step is advised. */
  minMessages: 100,
  /** Days the reports must span (first begin to last end). */
  minDays: 7,
  /** Share of messages that must pass DMARC (aligned DKIM or aligned SPF) for the next step. */
  passShare: 0.98,
};

/** A source IP whose mail failed DMARC, with the domains the reports name for it. */
export interface FailingSource {
  readonly sourceIp: string;
  readonly messages: number;
  readonly headerFrom: string[];
  readonly envelopeFrom: string[];
  readonly dkimDomains: string[];
}

/** The next policy step and why. */
export interface Recommendation {
  /** The record's tags as they should read next, e.g. `p=quarantine`, or the current ones when it should stay. */
  readonly next: string;
  /** The numbers and the rule behind it, one sentence. */
  readonly reason: string;
}

/** One domain over the reports read. */
export interface DomainSummary {
  readonly domain: string;
  readonly reports: number;
  readonly messages: number;
  readonly passing: number;
  readonly begin: Date;
  readonly end: Date;
  /** The policy the newest report saw published (its tags p, sp, pct and t). */
  readonly published: string;
  readonly failingSources: FailingSource[];
  readonly failureReports: number;
  readonly recommendation: Recommendation;
}

/**
 * A copy of a string read from a report. V8 keeps a substring as a view of the string it came from, so a domain
 * name kept from a report would keep the report's whole XML text alive: memory would grow with every report read.
 * What the summaries keep is copied; everything else is freed with its report.
 */
const own = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
const addOwn = (set: Set<string>, text: string) => {
  if (!set.has(text)) set.add(own(text));
};

const passes = (r: ReportRecord) => r.dkim === 'pass' || r.spf === 'pass';
const STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };

interface Tally {
  reports: number;
  messages: number;
  passing: number;
  subMessages: number;
  subPassing: number;
  begin: number;
  end: number;
  /** The newest report's end and tags (copied: see `own`). */
  newest?: { readonly end: number; readonly tags: Tags };
  failing: Map<string, { messages: number; headerFrom: Set<string>; envelopeFrom: Set<string>; dkimDomains: Set<string> }>;
  failureReports: number;
}

/** Adds reports one at a time; `summaries()` gives every domain's verdict. */
export class Summaries {
  private readonly tallies = new Map<string, Tally>();

  /** Counts one aggregate report. */
  public add(report: AggregateReport): void {
    const t = this.tally(report.policy.domain);
    t.reports += 1;
    t.begin = Math.min(t.begin, report.begin.getTime());
    t.end = Math.max(t.end, report.end.getTime());
    const end = report.end.getTime();
    if (t.newest === undefined || end >= t.newest.end) t.newest = { end, tags: ownTags(tagsOf(report)) };
    for (const r of report.records) {
      const ok = passes(r);
      t.messages += r.count;
      if (ok) t.passing += r.count;
      if (r.headerFrom !== report.policy.domain) {
        t.subMessages += r.count;
        if (ok) t.subPassing += r.count;
      }
      if (ok) continue;
      let source = t.failing.get(r.sourceIp);
      if (source === undefined) {
        source = { messages: 0, headerFrom: new Set(), envelopeFrom: new Set(), dkimDomains: new Set() };
        t.failing.set(own(r.sourceIp), source);
      }
      source.messages += r.count;
      addOwn(source.headerFrom, r.headerFrom);
      for (const d of [r.envelopeFrom, ...r.authResults.spf.map((x) => x.domain)]) if (d) addOwn(source.envelopeFrom, d);
      for (const d of r.authResults.dkim) addOwn(source.dkimDomains, d.domain);
    }
  }

  /** Counts one failure report for the domain it names. */
  public addFailure(domain: string | undefined): void {
    if (domain !== undefined) this.tally(domain).failureReports += 1;
  }

  /** Every domain with an aggregate report, in name order. */
  public summaries(): DomainSummary[] {
    return [...this.tallies.entries()].filter(([, t]) => t.newest !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([domain, t]) => ({
      domain,
      reports: t.reports,
      messages: t.messages,
      passing: t.passing,
      begin: new Date(t.begin),
      end: new Date(t.end),
      published: tagsText(t.newest!.tags),
      failingSources: [...t.failing.entries()].map(([sourceIp, s]) => ({
        sourceIp,
        messages: s.messages,
        headerFrom: [...s.headerFrom].sort(),
        envelopeFrom: [...s.envelopeFrom].sort(),
        dkimDomains: [...s.dkimDomains].sort(),
      })).sort((a, b) => b.messages - a.messages || a.sourceIp.localeCompare(b.sourceIp)),
      failureReports: t.failureReports,
      recommendation: recommend(t),
    }));
  }

  private tally(domain: string): Tally {
    let t = this.tallies.get(domain);
    if (t === undefined) {
      t = {
        reports: 0, messages: 0, passing: 0, subMessages: 0, subPassing: 0, begin: Infinity, end: -Infinity, failing: new Map(), failureReports: 0,
      };
      this.tallies.set(own(domain), t);
    }
    return t;
  }
}

/** The tags of a DMARC record that the road changes. */
interface Tags {
  readonly p: string;
  readonly sp?: string;
  readonly pct?: number;
  readonly t: boolean;
}

const tagsText = (tags: Tags) => [`p=${tags.p}`, tags.sp ? `sp=${tags.sp}` : '', tags.pct !== undefined ? `pct=${tags.pct}` : '', tags.t ? 't=y' : '']
  .filter(Boolean).join('; ');

const ownTags = (tags: Tags): Tags => ({ p: own(tags.p), sp: tags.sp === undefined ? undefined : own(tags.sp), pct: tags.pct, t: tags.t });

const tagsOf = (report: AggregateReport): Tags => ({ p: report.policy.p, sp: report.policy.sp, pct: report.policy.pct, t: report.policy.testing === 'y' });

/** `p=none; sp=none; pct=100; t=y`: the published policy's tags that the road changes. */
export const policyText = (report: AggregateReport) => tagsText(tagsOf(report));

const percent = (part: number, whole: number) => `${(Math.floor((part / (whole || 1)) * 1000) / 10).toFixed(1)}%`;
const DAY_MS = 86_400_000;

/** The next step for one domain, by RULE (README: "From p=none to p=reject"). */
function recommend(t: Tally): Recommendation {
  const tags = t.newest!.tags;
  // A report's end is its last second (Google's daily reports end at 23:59:59): the span includes it.
  const days = (t.end - t.begin + 1000) / DAY_MS;
  const share = `${percent(t.passing, t.messages)} of ${t.messages} messages over ${days.toFixed(1)} days pass DMARC`;
  if (t.messages < RULE.minMessages || days < RULE.minDays) {
    return { next: tagsText(tags), reason: `${share}: too little to judge; wait for at least ${RULE.minMessages} messages over ${RULE.minDays} days` };
  }
  if (t.passing < RULE.passShare * t.messages) {
    return { next: tagsText(tags), reason: `${share}, below ${RULE.passShare * 100}%: make the failing sources pass (send them through SES, or authorize them with SPF or DKIM) or stop them, then read again` };
  }
  const step = (change: Partial<Tags>, why: string) => ({ next: tagsText({ ...tags, ...change }), reason: `${share}, at least ${RULE.passShare * 100}%${why}` });
  // pct samples the mail a policy applies to; with p=none there is nothing to sample.
  if (tags.p !== 'none' && tags.pct !== undefined && tags.pct < 100) return step({ pct: 100 }, ': apply the policy to all mail before the next step');
  if (tags.t) return step({ t: false }, ': leave test mode (t=y) before the next step');
  const subdomainsPass = t.subPassing >= RULE.passShare * t.subMessages;
  const sp = tags.sp ?? tags.p;
  if (STRENGTH[sp] < STRENGTH[tags.p] && subdomainsPass) {
    return step({ sp: tags.p }, `, subdomains too (${t.subMessages} messages): give subdomains the domain's policy`);
  }
  if (tags.p === 'reject') return step({}, ': p=reject is the end of the road; keep reading the reports for new failing sources');
  // Subdomains without an sp of their own follow p: while their mail fails, they stay where they are.
  const hold = !subdomainsPass && tags.sp === undefined ? { sp: tags.p } : {};
  const held = hold.sp ? `; subdomains stay at sp=${tags.p}: ${percent(t.subPassing, t.subMessages)} of their ${t.subMessages} messages pass` : '';
  // The share allows for forwarded mail, which fails where nobody can fix it; a service of the user's own among the
  // failing sources would lose its mail, so the step comes with that check.
  const yours = t.failing.size === 0 ? '' : `; first check that no failing source is a service of yours (${t.failing.size} listed)`;
  if (tags.p === 'none') return step({ p: 'quarantine', ...hold }, `: failing mail can go to spam now${held}${yours}`);
  return step({ p: 'reject', ...hold }, `: failing mail can be refused now${held}${yours}`);
}
