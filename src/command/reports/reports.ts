import { AggregateReport, domainOf } from './aggregate';
import { READ_LIMITS, sizeText } from './limits';
import { failureText, InputProblem, problemText, reportJson, reportText, summaryJson, summaryText } from './render';
import { readInputs } from './sources';
import { Summaries } from './summary';
import { FailureReport, unpack } from './unpack';
import { ParsedArgs, verbUsage } from '../args';
import { CommandEnvironment, Io, Verb } from '../verb';

// `cdk-verified-mail-domain reports ...`: reads DMARC reports from files, folders and S3, one input at a time, and
// writes each report and then every domain's summary with the next policy step. One bad input is that input's
// error; the others are still read.

interface ReportsOptions {
  readonly json: boolean;
  readonly since?: Date;
  readonly domain?: string;
  readonly paths: string[];
}

function reportsOptions(args: ParsedArgs): { options: ReportsOptions; errors: string[] } {
  const errors: string[] = [];
  const { since, domain } = args.values;
  let sinceDate: Date | undefined;
  if (since !== undefined) {
    sinceDate = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(since) ? new Date(since) : undefined;
    if (sinceDate === undefined || isNaN(sinceDate.getTime())) errors.push(`--since '${since}' is not a date: expected YYYY-MM-DD or an ISO 8601 time such as 2026-11-01T00:00:00Z`);
  }
  if (args.operands.length === 0) errors.push('no report given: name one or more files, folders or s3://BUCKET/PREFIX paths');
  return {
    options: { json: args.switches.has('json'), since: sinceDate, domain: domain === undefined ? undefined : domainOf(domain), paths: args.operands },
    errors,
  };
}

/** Where the reports go: text as it is read, or the pieces of one JSON document. */
interface Sink {
  report(file: string, report: AggregateReport): void;
  failure(file: string, failure: FailureReport): void;
  problem(kind: 'errors' | 'skipped', problem: InputProblem): void;
  end(summaries: Summaries): void;
}

function textSink(io: Io): Sink {
  return {
    report: (file, report) => io.out(reportText(file, report)),
    failure: (file, failure) => io.out(failureText(file, failure)),
    problem: (kind, p) => io.err(problemText(kind, p)),
    end: (summaries) => {
      const text = summaryText(summaries.summaries());
      io.out(text === '' ? 'no aggregate report read\n' : `\n${text}`);
    },
  };
}

function jsonSink(io: Io): Sink {
  let first = true;
  const failures: object[] = [];
  const problems: Record<'errors' | 'skipped', InputProblem[]> = { errors: [], skipped: [] };
  io.out('{"reports":[');
  return {
    report: (file, report) => {
      io.out(`${first ? '' : ','}\n${JSON.stringify(reportJson(file, report))}`);
      first = false;
    },
    failure: (file, failure) => failures.push({ file, ...failure }),
    problem: (kind, p) => problems[kind].push(p),
    end: (summaries) => {
      const rest = { failureReports: failures, errors: problems.errors, skipped: problems.skipped, summary: summaries.summaries().map(summaryJson) };
      io.out(`\n],${JSON.stringify(rest, undefined, 1).slice(1)}\n`);
    },
  };
}

async function read(options: ReportsOptions, sink: Sink, environment: CommandEnvironment): Promise<number> {
  const limits = environment.readLimits ?? READ_LIMITS;
  const summaries = new Summaries();
  let unreadable = 0;
  const error = (file: string, message: string) => {
    unreadable += 1;
    sink.problem('errors', { file, message });
  };
  const wanted = (domain: string | undefined) => options.domain === undefined || domain === options.domain;
  for await (const input of readInputs(options.paths, limits, environment.s3)) {
    const file = input.file;
    if ('error' in input) {
      error(file, input.error);
      continue;
    }
    let found;
    try {
      found = await unpack(input.bytes, limits);
    } catch (e) {
      error(file, (e as Error).message);
      continue;
    }
    if (found.notReport !== undefined) sink.problem('skipped', { file, message: found.notReport });
    for (const report of found.aggregates) {
      if (!wanted(report.policy.domain) || (options.since && report.end < options.since)) continue;
      summaries.add(report);
      sink.report(file, report);
    }
    for (const failure of found.failures.filter((f) => wanted(f.reportedDomain))) {
      summaries.addFailure(failure.reportedDomain);
      sink.failure(file, failure);
    }
  }
  sink.end(summaries);
  return unreadable > 0 ? 1 : 0;
}

/** The `reports` verb. */
export const reportsVerb: Verb = {
  name: 'reports',
  summary: 'reads DMARC aggregate reports (mail, gzip, zip or XML, from files, folders or S3) and tells, per domain, how much mail '
    + 'passes DMARC, which sources fail, and the next policy step.',
  flags: [
    { name: 'json', help: 'print one JSON document: reports, failureReports, errors, skipped and summary.' },
    { name: 'since', value: 'DATE', help: 'read only reports whose period ends at or after DATE (YYYY-MM-DD, UTC, or an ISO 8601 time).' },
    { name: 'domain', value: 'NAME', help: 'read only reports about NAME (the domain of the published policy).' },
  ],
  operands: {
    name: 'PATH...',
    help: 'a report file, a folder (read recursively) or s3://BUCKET/PREFIX (AWS SDK credentials and region). Every input is '
      + 'recognized by its content: mail as SES stores it, gzip, zip or XML.',
  },
  notes: [
    `Limits for one input: ${sizeText(READ_LIMITS.inputBytes)} as stored, ${sizeText(READ_LIMITS.expandedBytes)} expanded, `
      + `${READ_LIMITS.zipEntries} zip entries, containers ${READ_LIMITS.nesting} deep. XML with a DOCTYPE is refused.`,
    'Exit status: 0 when every input was read (inputs that hold no report are skipped, and named on standard error), 1 when '
      + 'some could not be read (each named with the reason; the others are still reported), 2 on a usage error.',
  ],
  run: async (args, io, environment) => {
    const { options, errors } = reportsOptions(args);
    if (errors.length > 0) {
      io.err(`${errors.join('\n')}\n${verbUsage(reportsVerb)}\n`);
      return 2;
    }
    return read(options, options.json ? jsonSink(io) : textSink(io), environment);
  },
};
