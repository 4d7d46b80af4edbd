import { AggregateReport, AuthResult, ReportRecord } from './aggregate';
import { DomainSummary, FailingSource, policyText } from './summary';
import { FailureReport } from './unpack';

// How the `reports` command writes what it read: as text for people, or as one JSON document (--json) whose field
// names are part of the command's interface (README: add fields, never rename them). Both are written piece by
// piece as inputs are read, so the output of ten thousand reports never sits in memory at once.

/** One input that could not be read, or that holds no report. */
export interface InputProblem {
  readonly file: string;
  readonly message: string;
}

/**
 * Text for one line of output: control characters from reports and mail (a newline in an encoded subject, terminal
 * escapes) become spaces. The JSON document escapes them itself.
 */
export const printable = (text: string) => text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ');

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/** A report as the JSON document has it. */
export function reportJson(file: string, report: AggregateReport): object {
  return {
    file,
    orgName: report.orgName,
    email: report.email,
    reportId: report.reportId,
    begin: iso(report.begin),
    end: iso(report.end),
    domain: report.policy.domain,
    policy: report.policy,
    records: report.records.map((r) => ({
      sourceIp: r.sourceIp,
      count: r.count,
      headerFrom: r.headerFrom,
      envelopeFrom: r.envelopeFrom,
      envelopeTo: r.envelopeTo,
      disposition: r.disposition,
      dkim: r.dkim,
      spf: r.spf,
      reasons: r.reasons,
      authResults: r.authResults,
    })),
  };
}

/** A domain's summary as the JSON document has it. */
export function summaryJson(s: DomainSummary): object {
  return {
    domain: s.domain,
    reports: s.reports,
    begin: iso(s.begin),
    end: iso(s.end),
    messages: s.messages,
    passing: s.passing,
    passShare: s.messages === 0 ? 0 : Math.round((s.passing / s.messages) * 10000) / 10000,
    published: s.published,
    failingSources: s.failingSources,
    failureReports: s.failureReports,
    recommendation: s.recommendation,
  };
}

const results = (kind: string, list: AuthResult[]) => list.map((a) =>
  `${kind} ${a.domain}${a.selector ? `/${a.selector}` : ''}${a.scope ? ` ${a.scope}` : ''} ${a.result}`);

function recordText(r: ReportRecord): string {
  const raw = [...results('dkim', r.authResults.dkim), ...results('spf', r.authResults.spf)];
  const reasons = r.reasons.map((x) => x.type).join(', ');
  return `  ${r.sourceIp.padEnd(16)} ${String(r.count).padStart(6)}  from ${r.headerFrom}  ${r.disposition}  dkim ${r.dkim}  spf ${r.spf}`
    + `${reasons ? `  (${reasons})` : ''}${raw.length > 0 ? `  [${raw.join('; ')}]` : ''}`;
}

/** A report as text: one line about it, then a line per record. */
export function reportText(file: string, report: AggregateReport): string {
  const head = `${report.orgName} report ${report.reportId} for ${report.policy.domain}, ${iso(report.begin)} to ${iso(report.end)},`
    + ` published ${policyText(report)} (${file})`;
  return `${[head, ...report.records.map(recordText)].map(printable).join('\n')}\n`;
}

/** An input that could not be read, or that holds no report, as its line on standard error. */
export function problemText(kind: 'errors' | 'skipped', p: InputProblem): string {
  return `${printable(`${p.file}: ${kind === 'skipped' ? 'skipped, ' : ''}${p.message}`)}\n`;
}

/** A failure report as text. */
export function failureText(file: string, f: FailureReport): string {
  return `${printable(`failure report for ${f.reportedDomain ?? '(no Reported-Domain)'}: ${f.authFailure ?? f.feedbackType ?? 'auth-failure'}`
    + `${f.sourceIp ? ` from ${f.sourceIp}` : ''} (${file})`)}\n`;
}

const day = (d: Date) => iso(d).slice(0, 10);

function sourceText(s: FailingSource): string {
  const seen = [s.envelopeFrom.length ? `envelope ${s.envelopeFrom.join(', ')}` : '', s.dkimDomains.length ? `DKIM ${s.dkimDomains.join(', ')}` : '']
    .filter(Boolean).join('; ');
  return `    ${s.sourceIp.padEnd(16)} ${String(s.messages).padStart(6)} messages, from ${s.headerFrom.join(', ')}${seen ? `; ${seen}` : ''}`;
}

/** At most this many failing sources are listed per domain in the text (all of them in --json). */
export const TEXT_SOURCES = 10;

/** The summary of each domain as text. */
export function summaryText(summaries: DomainSummary[]): string {
  return summaries.map((s) => {
    const more = s.failingSources.length - TEXT_SOURCES;
    return [
      `${s.domain}: ${s.reports} report${s.reports === 1 ? '' : 's'}, ${day(s.begin)} to ${day(s.end)}, ${s.messages} messages,`
        + ` ${s.passing} passing DMARC; published ${s.published}${s.failureReports ? `; ${s.failureReports} failure reports` : ''}`,
      ...(s.failingSources.length > 0 ? ['  failing sources:', ...s.failingSources.slice(0, TEXT_SOURCES).map(sourceText)] : []),
      ...(more > 0 ? [`    and ${more} more (--json lists them all)`] : []),
      `  next: ${s.recommendation.next} (${s.recommendation.reason})`,
    ].map(printable).join('\n');
  }).join('\n\n') + (summaries.length > 0 ? '\n' : '');
}
