import { DomainMetadata } from '../../../src/assembly-metadata';
import { bulkSenderRows, CheckedDomain } from '../../../src/command/check/bulk-sender';
import { CheckedRecord, Verdict } from '../../../src/command/check/verdicts';
import { RecordKind } from '../../../src/record-model';

// bulkSenderRows on its own: checked records made by hand, each requirement's verdict and reason.

const DOMAIN = 'a.example.org';
const checkedRecord = (kind: RecordKind, verdict: Verdict, more: { values?: string[]; detail?: string; domain?: string } = {}): CheckedRecord => ({
  expected: { kind, purpose: kind, name: `${kind}.${more.domain ?? DOMAIN}`, type: 'TXT', ...(more.values ? { values: more.values } : {}) },
  row: {
    domain: more.domain ?? DOMAIN,
    stack: 'Mail',
    purpose: kind,
    name: `${kind}.${more.domain ?? DOMAIN}.`,
    type: 'TXT',
    expected: more.values ?? [],
    found: [],
    verdict,
    ...(more.detail ? { detail: more.detail } : {}),
  },
});
const domain = (records: CheckedRecord[], more: Partial<DomainMetadata> = {}, stackName = 'Mail'): CheckedDomain => ({
  domain: { stackName, constructPath: `/${stackName}/Mail`, metadata: { version: 1, domain: DOMAIN, region: 'eu-west-1', mailFromDomain: `bounce.${DOMAIN}`, records: [], ...more } },
  records,
});
const spf = (verdict: Verdict, detail?: string) => checkedRecord(RecordKind.MAIL_FROM_SPF, verdict, { detail });
const dkim = (verdict: Verdict, detail?: string) => checkedRecord(RecordKind.DKIM, verdict, { detail });
const dmarc = (verdict: Verdict, values = ['v=DMARC1; p=quarantine']) => checkedRecord(RecordKind.DMARC, verdict, { values });
const GOOD = [spf('ok'), dkim('ok'), dkim('ok'), dmarc('ok')];
const GUARD = 'deliverability: Deliverability.guard()';
const NO_LIST = 'no contact list: marketing mail needs one-click unsubscribe (RFC 8058); SES adds it to mail sent with ListManagementOptions and a contact list (Deliverability.guard({ contactList }))';
/** [requirement, verdict, detail] of each row. */
const of = (all: CheckedDomain[]) => bulkSenderRows(all).map((r) => [r.requirement, r.verdict, r.detail]);

test('every requirement held, with the domain and stack on each row', () => {
  const rows = bulkSenderRows([domain(GOOD, {
    contactList: { name: 'news', topics: ['a', 'b'], existing: false },
    deliverability: { eventDestination: 'the topic', events: ['BOUNCE', 'complaint', 'reject'], alarms: 'bounce rate 0.05', accountAlarms: true },
  })]);
  expect(rows.map((r) => `${r.domain} ${r.stack}`)).toEqual(Array(7).fill(`${DOMAIN} Mail`));
  expect(rows.map((r) => [r.requirement, r.verdict, r.detail])).toEqual([
    ['SPF', 'ok', `the MAIL FROM domain bounce.${DOMAIN} publishes SES's SPF record`],
    ['DKIM', 'ok', `SES signs with d=${DOMAIN}; its DKIM records hold`],
    ['DMARC', 'ok', 'published with p=quarantine'],
    ['From aligned', 'ok', `DKIM: aligned (d=${DOMAIN}); SPF: aligned through bounce.${DOMAIN}`],
    ['one-click unsubscribe', 'ok', 'contact list news (topics a, b): send marketing mail with ListManagementOptions, and SES adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)'],
    ['bounce and complaint feedback', 'ok', 'BOUNCE, complaint, reject published to the topic'],
    ['reputation alarms', 'ok', 'bounce rate 0.05; account alarms asked for. Gmail\'s spam rate is read only in Postmaster Tools'],
  ]);
});

test.each<[string, CheckedRecord[], Partial<DomainMetadata>, string[][]]>([
  ['a failing record: the first that fails, with its detail\'s first line', [spf('ok'), dkim('ok'), dkim('different', 'expected x\nmore'), dkim('missing'), dmarc('ok')], {}, [
    ['DKIM', 'missing', `dkim.${DOMAIN}. TXT is different (expected x)`],
    ['From aligned', 'ok', `DKIM: missing (d=${DOMAIN}); SPF: aligned through bounce.${DOMAIN}`],
  ]],
  ['a record DNS did not answer for: unknown', [spf('unreachable', 'timeout'), dkim('pending'), dmarc('ok')], {}, [
    ['SPF', 'unknown', `mailFromSpf.${DOMAIN}. TXT is unreachable (timeout)`],
    ['DKIM', 'pending', 'the Easy DKIM records are known only after deploy: give --outputs'],
    ['From aligned', 'pending', `DKIM: pending (d=${DOMAIN}); SPF: unknown through bounce.${DOMAIN}`],
  ]],
  ['no custom MAIL FROM domain: SPF missing, only DKIM can align', [dkim('missing'), dmarc('ok')], { mailFromDomain: undefined }, [
    ['SPF', 'missing', 'no custom MAIL FROM domain: the envelope sender is SES\'s amazonses.com, which passes SPF for SES, not for this domain (customMailFrom)'],
    ['From aligned', 'missing', `DKIM: missing (d=${DOMAIN}); SPF: no custom MAIL FROM domain`],
  ]],
  ['no custom MAIL FROM domain, DKIM ok: aligned', [dkim('ok'), dmarc('ok')], { mailFromDomain: undefined }, [
    ['From aligned', 'ok', `DKIM: aligned (d=${DOMAIN}); SPF: no custom MAIL FROM domain`],
  ]],
  ['DKIM records some ok, some pending: pending', [spf('ok'), dkim('ok'), dkim('pending'), dmarc('ok')], {}, [
    ['DKIM', 'pending', 'the Easy DKIM records are known only after deploy: give --outputs'],
  ]],
  ['an SPF record that holds without a MAIL FROM domain aligns nothing', [spf('ok'), dkim('missing'), dmarc('ok')], { mailFromDomain: undefined }, [
    ['From aligned', 'missing', `DKIM: missing (d=${DOMAIN}); SPF: no custom MAIL FROM domain`],
  ]],
  ['guardrails with bounce events and others, not complaints', GOOD, { deliverability: { eventDestination: 'bus', events: ['Bounce', 'reject'], alarms: 'x', accountAlarms: true } }, [
    ['bounce and complaint feedback', 'missing', `no event destination for bounces and complaints (${GUARD})`],
  ]],
  ['no DMARC record', [spf('ok'), dkim('pending')], {}, [
    ['DMARC', 'missing', 'the domain publishes no DMARC record (dmarc: Dmarc.none()): Gmail and Yahoo require one, p=none at least'],
    ['From aligned', 'ok', `DKIM: pending (d=${DOMAIN}); SPF: aligned through bounce.${DOMAIN}`],
  ]],
  ['aspf=s: SPF cannot align, DKIM pending', [spf('ok'), dkim('pending'), dmarc('ok', ['v=DMARC1; p=none; aspf=s'])], {}, [
    ['DMARC', 'ok', 'published with p=none'],
    ['From aligned', 'pending', `DKIM: pending (d=${DOMAIN}); SPF: not aligned, DMARC has aspf=s and bounce.${DOMAIN} is a subdomain`],
  ]],
  ['aspf=r: SPF aligns', [spf('ok'), dkim('missing'), dmarc('ok', ['v=DMARC1; p=none; aspf=r'])], {}, [
    ['From aligned', 'ok', `DKIM: missing (d=${DOMAIN}); SPF: aligned through bounce.${DOMAIN}`],
  ]],
  ['SPF pending and DKIM missing: missing', [spf('pending'), dkim('missing'), dmarc('ok')], {}, [
    ['SPF', 'pending', `the MAIL FROM domain bounce.${DOMAIN} publishes SES's SPF record`],
    ['From aligned', 'missing', `DKIM: missing (d=${DOMAIN}); SPF: pending through bounce.${DOMAIN}`],
  ]],
  ['a DMARC record that does not hold', [spf('ok'), dkim('ok'), dmarc('conflict', ['p=none'])], {}, [
    ['DMARC', 'missing', `dmarc.${DOMAIN}. TXT is conflict`],
  ]],
  ['a DMARC value that does not parse', [spf('ok'), dkim('ok'), dmarc('ok', ['p=none'])], {}, [
    ['DMARC', 'ok', 'published with p=(none)'],
  ]],
  ['a DMARC record without values', [spf('ok'), dkim('ok'), { ...dmarc('pending'), expected: { kind: RecordKind.DMARC, purpose: 'd', type: 'TXT' } }], {}, [
    ['DMARC', 'pending', 'published with p=(none)'],
  ]],
  ['an existing contact list, a token for its name', GOOD, { contactList: { name: { Ref: 'List' }, topics: [], existing: true } }, [
    ['one-click unsubscribe', 'ok', 'contact list {"Ref":"List"} (topics kept outside the app): send marketing mail with ListManagementOptions, and SES adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)'],
  ]],
  ['a contact list without topics', GOOD, { contactList: { name: 'l', topics: [], existing: false } }, [
    ['one-click unsubscribe', 'ok', 'contact list l (topics none): send marketing mail with ListManagementOptions, and SES adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)'],
  ]],
  ['guardrails without complaint events, no account alarms', GOOD, { deliverability: { eventDestination: 'bus', events: ['bounce'], alarms: 'x', accountAlarms: false } }, [
    ['bounce and complaint feedback', 'missing', `no event destination for bounces and complaints (${GUARD})`],
    ['reputation alarms', 'ok', 'x; account alarms not asked for. Gmail\'s spam rate is read only in Postmaster Tools'],
  ]],
  ['no guardrails', GOOD, {}, [
    ['one-click unsubscribe', 'missing', NO_LIST],
    ['bounce and complaint feedback', 'missing', `no event destination for bounces and complaints (${GUARD})`],
    ['reputation alarms', 'missing', `no bounce or complaint rate alarms before SES reviews the account (${GUARD})`],
  ]],
])('%s', (_, records, more, rows) => {
  const all = of([domain(records, more)]);
  for (const row of rows) expect(all.find((r) => r[0] === row[0])).toEqual(row);
});

test('no records of a kind: missing', () => {
  expect(of([domain([dmarc('ok')])]).slice(0, 2).map((r) => r.slice(0, 2))).toEqual([['SPF', 'missing'], ['DKIM', 'missing']]);
});

test('a domain whose DMARC record another stack publishes (its primary region) is judged by that record; each keeps its own stack', () => {
  const west = domain([spf('ok'), dkim('ok')], {}, 'West');
  const other = { ...domain([dmarc('ok', ['v=DMARC1; p=none; aspf=s'])], { domain: 'b.example.org' }, 'Other') };
  const rows = bulkSenderRows([domain(GOOD), west, other]);
  expect(rows.filter((r) => r.requirement === 'DMARC').map((r) => `${r.stack} ${r.domain} ${r.verdict} ${r.detail}`)).toEqual([
    `Mail ${DOMAIN} ok published with p=quarantine`, `West ${DOMAIN} ok published with p=quarantine`, 'Other b.example.org ok published with p=none',
  ]);
});
