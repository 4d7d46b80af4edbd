import { AppDomain } from './assembly';
import { CheckedRecord, Row } from './verdicts';
import { RecordKind } from '../../record-model';
import { DmarcRecord, parseDmarcRecord } from '../../sending/dmarc-parser';

// The "bulk sender" section of the check: each requirement Gmail and Yahoo set for bulk senders that the DNS and
// the stack can show, ok or not, with the reason. The requirements, both in force since February 2024:
// - Google, "Email sender guidelines" (support.google.com/a/answer/81126, read 2026-12-01): senders of 5,000 or
//   more messages a day to personal Gmail accounts must set up SPF and DKIM, publish DMARC (p=none is enough),
//   align the From domain with the SPF or the DKIM domain, offer one-click unsubscribe (RFC 8058) for marketing
//   mail, and keep the spam rate in Postmaster Tools under 0.10 %, never reaching 0.30 %.
// - Yahoo, "Sender Best Practices" (senders.yahooinc.com/best-practices, read 2026-12-01): the same authentication,
//   DMARC and one-click unsubscribe requirements, and a complaint rate under 0.3 %.
// What no DNS answer shows (the sending IPs' reverse DNS and TLS, which SES provides; the spam rate itself, which
// only Postmaster Tools reports) is left out; the reputation alarms stand in for the last.

/**
 * How a requirement stands: `pending` when it depends on records known only after deploy, `unknown` when DNS did
 * not answer for one.
 */
export type Readiness = 'ok' | 'missing' | 'pending' | 'unknown';

/** One requirement of one domain. */
export interface BulkSenderRow {
  readonly domain: string;
  readonly stack: string;
  readonly requirement: string;
  readonly verdict: Readiness;
  readonly detail: string;
}

/** A domain of the app with its checked records. */
export interface CheckedDomain {
  readonly domain: AppDomain;
  readonly records: CheckedRecord[];
}

const GUARD = 'deliverability: Deliverability.guard()';

/**
 * How records of one kind stand together: ok when all hold, pending when the rest are pending, unknown when DNS did
 * not answer for one, else missing.
 */
function standing(records: CheckedRecord[]): { verdict: Readiness; failing?: Row } {
  if (records.length === 0) return { verdict: 'missing' };
  const failing = records.find((r) => r.row.verdict !== 'ok' && r.row.verdict !== 'pending')?.row;
  if (failing) return { verdict: failing.verdict === 'unreachable' ? 'unknown' : 'missing', failing };
  return { verdict: records.some((r) => r.row.verdict === 'pending') ? 'pending' : 'ok' };
}

/** The record the construct wrote, parsed; undefined if it does not parse (it always does when the construct wrote it). */
function readDmarc(text: string): DmarcRecord | undefined {
  try {
    return parseDmarcRecord(text);
  } catch {
    return undefined;
  }
}

const described = (row: Row) => `${row.name} ${row.type} is ${row.verdict}${row.detail ? ` (${row.detail.split('\n')[0]})` : ''}`;

/**
 * The bulk-sender requirements of each checked domain. `all` holds every domain checked, so that a domain whose
 * DMARC record is published by its primary region's stack is judged by that record.
 */
export function bulkSenderRows(all: CheckedDomain[]): BulkSenderRow[] {
  return all.flatMap((checked) => {
    const { metadata } = checked.domain;
    const ofKind = (kind: RecordKind, from: CheckedDomain[] = [checked]) => from.flatMap((c) => c.records.filter((r) => r.expected.kind === kind));
    const sameDomain = all.filter((c) => c.domain.metadata.domain === metadata.domain);
    const row = (requirement: string, verdict: Readiness, detail: string): BulkSenderRow => ({
      domain: metadata.domain, stack: checked.domain.stackName, requirement, verdict, detail,
    });

    const spfRecords = ofKind(RecordKind.MAIL_FROM_SPF);
    const spf = standing(spfRecords);
    const spfRow = !metadata.mailFromDomain
      ? row('SPF', 'missing', 'no custom MAIL FROM domain: the envelope sender is SES\'s amazonses.com, which passes SPF for SES, not for this domain (customMailFrom)')
      : row('SPF', spf.verdict, spf.failing ? described(spf.failing) : `the MAIL FROM domain ${metadata.mailFromDomain} publishes SES's SPF record`);

    const dkim = standing(ofKind(RecordKind.DKIM));
    const dkimRow = row('DKIM', dkim.verdict, dkim.failing ? described(dkim.failing)
      : dkim.verdict === 'pending' ? 'the Easy DKIM records are known only after deploy: give --outputs'
        : `SES signs with d=${metadata.domain}; its DKIM records hold`);

    const dmarcRecords = ofKind(RecordKind.DMARC, sameDomain);
    const dmarc = standing(dmarcRecords);
    const published = dmarcRecords[0]?.expected.values?.[0];
    const record = published === undefined ? undefined : readDmarc(published);
    const dmarcRow = dmarcRecords.length === 0
      ? row('DMARC', 'missing', 'the domain publishes no DMARC record (dmarc: Dmarc.none()): Gmail and Yahoo require one, p=none at least')
      : row('DMARC', dmarc.verdict, dmarc.failing ? described(dmarc.failing) : `published with p=${record?.policy ?? '(none)'}`);

    // DMARC passes when SPF or DKIM passes for a domain aligned with the From (RFC 9989): SES's Easy DKIM and
    // BYODKIM sign with the domain itself, aligned in either mode; the MAIL FROM domain is a subdomain, aligned
    // only in relaxed SPF mode (aspf=r, the default).
    const strictSpf = record?.spfAlignment === 's';
    const spfAligned = metadata.mailFromDomain !== undefined && spf.verdict === 'ok' && !strictSpf;
    // Else DKIM decides: ok, missing, pending or unknown, as its records stand.
    const alignment: Readiness = spfAligned ? 'ok' : dkim.verdict;
    const spfWhy = !metadata.mailFromDomain ? 'SPF: no custom MAIL FROM domain'
      : strictSpf ? `SPF: not aligned, DMARC has aspf=s and ${metadata.mailFromDomain} is a subdomain`
        : `SPF: ${spf.verdict === 'ok' ? 'aligned' : spf.verdict} through ${metadata.mailFromDomain}`;
    const alignmentRow = row('From aligned', alignment, `DKIM: ${dkim.verdict === 'ok' ? 'aligned' : dkim.verdict} (d=${metadata.domain}); ${spfWhy}`);

    const list = metadata.contactList;
    // The list's name is a CloudFormation expression when the app gave a token.
    const listName = typeof list?.name === 'string' ? list.name : JSON.stringify(list?.name);
    const topics = list?.existing ? 'topics kept outside the app' : `topics ${list?.topics.join(', ') || 'none'}`;
    const unsubscribeRow = list
      ? row('one-click unsubscribe', 'ok', `contact list ${listName} (${topics}): send marketing mail with ListManagementOptions, `
        + 'and SES adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)')
      : row('one-click unsubscribe', 'missing', 'no contact list: marketing mail needs one-click unsubscribe (RFC 8058); '
        + 'SES adds it to mail sent with ListManagementOptions and a contact list (Deliverability.guard({ contactList }))');

    const guard = metadata.deliverability;
    // SES's event types as the template names them (MatchingEventTypes: bounce, complaint, deliveryDelay...).
    const events = guard?.events ?? [];
    const feedbackRow = guard && ['bounce', 'complaint'].every((e) => events.some((event) => event.toLowerCase() === e))
      ? row('bounce and complaint feedback', 'ok', `${events.join(', ')} published to ${guard.eventDestination}`)
      : row('bounce and complaint feedback', 'missing', `no event destination for bounces and complaints (${GUARD})`);
    const alarmsRow = guard
      ? row('reputation alarms', 'ok', `${guard.alarms}; account alarms ${guard.accountAlarms ? 'asked for' : 'not asked for'}. `
        + 'Gmail\'s spam rate is read only in Postmaster Tools')
      : row('reputation alarms', 'missing', `no bounce or complaint rate alarms before SES reviews the account (${GUARD})`);

    return [spfRow, dkimRow, dmarcRow, alignmentRow, unsubscribeRow, feedbackRow, alarmsRow];
  });
}
