import { gzipSync } from 'zlib';
import { zipSync } from 'fflate';

// DMARC reports written for these tests, in the shapes mailbox providers send them, from their public descriptions
// (RFC 7489 appendix C, RFC 9990, and what the receivers' postmaster pages and DMARC services describe of their
// mail): none is a copy of anyone's report. Every value is made up: documentation addresses (RFC 5737, RFC 3849) and
// example domains.

/** One row of a report. */
export interface Row {
  readonly ip: string;
  readonly count: number;
  readonly from?: string;
  readonly envelopeFrom?: string;
  readonly envelopeTo?: string;
  readonly disposition?: string;
  readonly dkim: string;
  readonly spf: string;
  readonly reason?: string;
  /** DKIM results as domain/selector/result, SPF results as domain/scope/result. */
  readonly authDkim?: string[];
  readonly authSpf?: string[];
}

/** A report's content; the namespace picks RFC 7489's bare elements or RFC 9990's. */
export interface ReportSpec {
  readonly org?: string;
  readonly email?: string;
  readonly id?: string;
  readonly begin?: number;
  readonly end?: number;
  /** Seconds from begin to end when no end is given: a day by default. */
  readonly length?: number;
  readonly domain?: string;
  readonly p?: string;
  readonly sp?: string;
  readonly pct?: number;
  readonly testing?: string;
  readonly rows?: Row[];
  readonly namespace?: 'none' | 'rfc9990' | 'prefixed' | 'xsi';
}

/** 2026-11-01T00:00:00Z, in seconds. */
export const NOV_1 = 1_793_491_200;
export const DAY = 86_400;

const el = (name: string, value: string | number | undefined, p = '') => (value === undefined ? '' : `<${p}${name}>${value}</${p}${name}>`);

/** A report as XML text. */
export function reportXml(spec: ReportSpec = {}): string {
  const ns = spec.namespace ?? 'none';
  const p = ns === 'prefixed' ? 'dmarc:' : '';
  const open = {
    none: '<feedback>',
    rfc9990: '<feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">',
    prefixed: '<dmarc:feedback xmlns:dmarc="urn:ietf:params:xml:ns:dmarc-2.0">',
    xsi: '<feedback xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  }[ns];
  const rows = (spec.rows ?? [{ ip: '192.0.2.1', count: 1, dkim: 'pass', spf: 'pass' }]).map((r) => el('record', [
    el('row', [
      el('source_ip', r.ip, p), el('count', r.count, p),
      el('policy_evaluated', [el('disposition', r.disposition ?? 'none', p), el('dkim', r.dkim, p), el('spf', r.spf, p),
        r.reason ? el('reason', el('type', r.reason, p), p) : ''].join(''), p),
    ].join(''), p),
    el('identifiers', [el('envelope_to', r.envelopeTo, p), el('envelope_from', r.envelopeFrom, p), el('header_from', r.from ?? spec.domain ?? 'example.com', p)].join(''), p),
    el('auth_results', [
      ...(r.authDkim ?? []).map((d) => { const [domain, selector, result] = d.split('/'); return el('dkim', el('domain', domain, p) + el('selector', selector, p) + el('result', result, p), p); }),
      ...(r.authSpf ?? []).map((s) => { const [domain, scope, result] = s.split('/'); return el('spf', el('domain', domain, p) + el('scope', scope, p) + el('result', result, p), p); }),
    ].join(''), p),
  ].join('\n    '), p)).join('\n  ');
  const begin = spec.begin ?? NOV_1;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}\n  ${ns === 'rfc9990' || ns === 'prefixed' ? el('version', '1.0', p) : ''}`
    + el('report_metadata', [el('org_name', spec.org ?? 'Receiver Example', p), el('email', spec.email ?? 'noreply-dmarc@receiver.example', p),
      el('report_id', spec.id ?? 'report-1', p), el('date_range', el('begin', begin, p) + el('end', spec.end ?? begin + (spec.length ?? DAY), p), p)].join(''), p)
    + '\n  ' + el('policy_published', [el('domain', spec.domain ?? 'example.com', p), el('adkim', 'r', p), el('aspf', 'r', p), el('p', spec.p ?? 'none', p),
    el('sp', spec.sp, p), el('pct', spec.pct, p), el('testing', spec.testing, p)].join(''), p)
    + `\n  ${rows}\n</${p}feedback>\n`;
}

/** A mail attachment: its MIME type, file name and bytes. */
export interface Part {
  readonly type: string;
  readonly name?: string;
  readonly body: Buffer;
  readonly encoding?: 'base64' | 'quoted-printable' | '7bit';
}

const wrap76 = (s: string) => s.replace(/.{1,76}/g, '$&\r\n');

function encode(part: Part): string {
  const encoding = part.encoding ?? 'base64';
  const body = encoding === 'base64' ? wrap76(part.body.toString('base64'))
    : encoding === 'quoted-printable' ? qp(part.body.toString('utf8')) : `${part.body.toString('utf8')}\r\n`;
  return [`Content-Type: ${part.type}${part.name ? `; name="${part.name}"` : ''}`, `Content-Transfer-Encoding: ${encoding}`,
    ...(part.name ? [`Content-Disposition: attachment; filename="${part.name}"`] : []), '', body].join('\r\n');
}

/** Quoted-printable: `=` and bytes above 126 escaped, lines broken with soft breaks. */
function qp(text: string): string {
  const escaped = [...Buffer.from(text, 'utf8')].map((b) => (b === 0x3d || b > 126 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
  return `${escaped.split('\n').map((line) => line.replace(/.{1,72}(?!$)/g, '$&=\r\n')).join('\r\n')}\r\n`;
}

/** A mail as SES's S3 action stores it: headers, then one part or a multipart body. */
export function mail(headers: Record<string, string>, parts: Part[], multipart = 'mixed'): Buffer {
  const head = Object.entries({ 'Return-Path': '<bounces@receiver.example>', 'MIME-Version': '1.0', ...headers }).map(([k, v]) => `${k}: ${v}`);
  if (parts.length === 1 && multipart === 'mixed') return Buffer.from([...head, encode(parts[0])].join('\r\n'));
  const boundary = '----=_Part_0_1234.5678';
  const type = multipart.startsWith('report') ? `multipart/${multipart}` : `multipart/${multipart}`;
  const body = parts.map((part) => `--${boundary}\r\n${encode(part)}`).join('\r\n');
  return Buffer.from([...head, `Content-Type: ${type}; boundary="${boundary}"`, '', 'This is a multi-part message in MIME format.', body, `--${boundary}--`, ''].join('\r\n'));
}

const text = (body: string): Part => ({ type: 'text/plain; charset=utf-8', body: Buffer.from(body), encoding: '7bit' });
const fileName = (org: string, spec: ReportSpec) => `${org}!${spec.domain ?? 'example.com'}!${spec.begin ?? NOV_1}!${(spec.begin ?? NOV_1) + DAY}`;

/** Google's shape: a zip of the XML, in multipart mail with a short text. */
export function googleShaped(spec: ReportSpec = {}): Buffer {
  const xml = reportXml({ org: 'google.com', email: 'noreply-dmarc-support@google.com', ...spec });
  return mail({ From: 'noreply-dmarc-support@google.com', To: 'dmarc@dmarc-reports.example.com', Subject: `Report domain: ${spec.domain ?? 'example.com'} Submitter: google.com Report-ID: ${spec.id ?? 'report-1'}` },
    [text('This is an aggregate report from google.com.'), { type: 'application/zip', name: `${fileName('google.com', spec)}.zip`, body: Buffer.from(zipSync({ [`${fileName('google.com', spec)}.xml`]: Buffer.from(xml) })) }]);
}

/** Microsoft's shape: gzip of XML with schema namespaces and envelope_to, as the only part of the mail. */
export function microsoftShaped(spec: ReportSpec = {}): Buffer {
  const xml = reportXml({ org: 'Enterprise Outlook', email: 'dmarcreport@microsoft.com', namespace: 'xsi', ...spec });
  return mail({ From: 'dmarcreport@microsoft.com', To: 'dmarc@dmarc-reports.example.com', Subject: `[Preview] Report Domain: ${spec.domain ?? 'example.com'} Submitter: enterprise.protection.outlook.com` },
    [{ type: 'application/gzip', name: `enterprise.protection.outlook.com!${spec.domain ?? 'example.com'}!${spec.begin ?? NOV_1}!${(spec.begin ?? NOV_1) + DAY}.xml.gz`, body: gzipSync(xml) }]);
}

/** Yahoo's shape: a gzip attachment beside a text part. */
export function yahooShaped(spec: ReportSpec = {}): Buffer {
  const xml = reportXml({ org: 'Yahoo', email: 'dmarchelp@yahooinc.com', ...spec });
  return mail({ From: 'noreply@dmarc.yahoo.com', To: 'dmarc@dmarc-reports.example.com', Subject: `Report Domain: ${spec.domain ?? 'example.com'} Submitter: yahoo.com` },
    [text('Aggregate report attached.'), { type: 'application/gzip', name: `${fileName('yahoo.com', spec)}.xml.gz`, body: gzipSync(xml) }]);
}

/** An RFC 9990 report with the namespace as a prefix, gzip in mail (as newer reporters such as Fastmail send). */
export function rfc9990Shaped(spec: ReportSpec = {}): Buffer {
  const xml = reportXml({ org: 'Fastmail Pty Ltd', namespace: 'prefixed', ...spec });
  return mail({ From: 'dmarc-reports@fastmail.example', To: 'dmarc@dmarc-reports.example.com', Subject: 'DMARC aggregate report' },
    [{ type: 'application/gzip', name: 'report.xml.gz', body: gzipSync(xml) }]);
}

/** A zip attachment typed as octet-stream (as some gateways, Mimecast's among them, label it). */
export function octetZipShaped(spec: ReportSpec = {}): Buffer {
  const xml = reportXml({ org: 'Mimecast', ...spec });
  return mail({ From: 'dmarc@gateway.example', To: 'dmarc@dmarc-reports.example.com', Subject: 'Report Domain: example.com' },
    [{ type: 'application/octet-stream', name: 'report.zip', body: Buffer.from(zipSync({ 'report.xml': Buffer.from(xml) })) }]);
}

/** A failure report (RFC 6591): multipart/report with a message/feedback-report part. */
export function failureReport(domain = 'example.com', ip = '203.0.113.9'): Buffer {
  const fields = ['Feedback-Type: auth-failure', 'User-Agent: Receiver/1.0', 'Version: 1', `Original-Mail-From: <billing@${domain}>`,
    'Auth-Failure: dmarc', `Reported-Domain: ${domain}`, `Source-IP: ${ip}`, 'Arrival-Date: Sun, 1 Nov 2026 10:00:00 +0000'].join('\r\n');
  return mail({ From: 'abuse@receiver.example', To: 'dmarc@dmarc-reports.example.com', Subject: `FW: invoice (DMARC failure for ${domain})` }, [
    text('A message claiming to be from your domain failed DMARC.'),
    { type: 'message/feedback-report', body: Buffer.from(`${fields}\r\n`), encoding: '7bit' },
    { type: 'text/rfc822-headers', body: Buffer.from(`From: billing@${domain}\r\nSubject: invoice\r\n`), encoding: '7bit' },
  ], 'report; report-type=feedback-report');
}
