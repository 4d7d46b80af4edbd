import { ContactList, Deliverability, Dmarc, DmarcAlignment, SubscriptionStatus } from '../../../src';
import { BindServer, startBind } from '../../helpers/bind-server';
import { AMAZONSES_ZONE, CheckApp, runCaptured, synthCheckApp } from '../../helpers/check-app';

// The check's bulk-sender section end to end: an app synthesized with a domain per case, a real BIND serving what a
// deploy would leave (one case's DKIM records deleted), and each requirement's verdict and reason read from --json.

let app: CheckApp;
let server: BindServer;

beforeAll(async () => {
  app = synthCheckApp({
    'guarded.mail.test': {
      deliverability: Deliverability.guard({
        bounceRateThreshold: 0.03,
        contactList: ContactList.create({
          contactListName: 'news-list',
          topics: [
            { topicName: 'news', displayName: 'News', defaultSubscriptionStatus: SubscriptionStatus.OPT_IN },
            { topicName: 'offers', displayName: 'Offers', defaultSubscriptionStatus: SubscriptionStatus.OPT_OUT },
          ],
        }),
      }),
    },
    // The same list by name: SES allows one a region, and this domain names it without making it.
    'listed.mail.test': { deliverability: Deliverability.guard({ accountAlarms: false, contactList: ContactList.fromContactListName('news-list') }) },
    'plain.mail.test': {},
    'nodmarc.mail.test': { dmarc: Dmarc.none() },
    'strict.mail.test': { dmarc: Dmarc.publish({ spfAlignment: DmarcAlignment.STRICT }) },
    'nomailfrom.mail.test': { customMailFrom: false },
  });
  const lines = app.zoneLines.filter((l) => !l.includes('._domainkey.strict.mail.test.'));
  server = await startBind([{ origin: 'mail.test', records: lines }, AMAZONSES_ZONE]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  app?.remove();
});

type Requirement = [verdict: string, requirement: string, detail: string];

async function requirements(domain: string, withOutputs = true): Promise<Requirement[]> {
  const outputs = withOutputs ? ['--outputs', app.outputsFile] : [];
  const run = await runCaptured(['check', '--app', app.outdir, ...outputs, '--nameserver', server.address, '--json', domain]);
  const report = JSON.parse(run.out);
  expect(report.bulkSender.every((b: { domain: string; stack: string }) => b.domain === domain && b.stack === 'Mail')).toBe(true);
  return report.bulkSender.map((b: { verdict: string; requirement: string; detail: string }) => [b.verdict, b.requirement, b.detail]);
}

const NO_LIST: Requirement = ['missing', 'one-click unsubscribe', 'no contact list: marketing mail needs one-click unsubscribe (RFC 8058); '
  + 'SES adds it to mail sent with ListManagementOptions and a contact list (Deliverability.guard({ contactList }))'];
const NO_FEEDBACK: Requirement = ['missing', 'bounce and complaint feedback', 'no event destination for bounces and complaints (deliverability: Deliverability.guard())'];
const NO_ALARMS: Requirement = ['missing', 'reputation alarms',
  'no bounce or complaint rate alarms before SES reviews the account (deliverability: Deliverability.guard())'];

test('a domain with the defaults: authentication, DMARC and alignment ok; no unsubscribe, feedback or alarms', async () => {
  expect(await requirements('plain.mail.test')).toEqual([
    ['ok', 'SPF', 'the MAIL FROM domain bounce.plain.mail.test publishes SES\'s SPF record'],
    ['ok', 'DKIM', 'SES signs with d=plain.mail.test; its DKIM records hold'],
    ['ok', 'DMARC', 'published with p=none'],
    ['ok', 'From aligned', 'DKIM: aligned (d=plain.mail.test); SPF: aligned through bounce.plain.mail.test'],
    NO_LIST, NO_FEEDBACK, NO_ALARMS,
  ]);
});

test('a guarded domain: unsubscribe, feedback and alarms ok, with the list, the destination, events and thresholds', async () => {
  const list = await requirements('guarded.mail.test');
  expect(list.slice(4)).toEqual([
    ['ok', 'one-click unsubscribe', 'contact list news-list (topics news, offers): send marketing mail with ListManagementOptions, '
      + 'and SES adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)'],
    ['ok', 'bounce and complaint feedback', 'bounce, complaint, reject, deliveryDelay, renderingFailure published to the guardrail topic of stack Mail'],
    ['ok', 'reputation alarms', 'bounce rate 0.03, complaint rate 0.0005, alarms to the guardrail topic; account alarms asked for. '
      + 'Gmail\'s spam rate is read only in Postmaster Tools'],
  ]);
  expect(list.slice(0, 4).map(([verdict]) => verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
});

test('a list the app names but does not make: ok, its topics kept outside the app', async () => {
  expect((await requirements('listed.mail.test'))[4]).toEqual(['ok', 'one-click unsubscribe', 'contact list news-list (topics kept outside the app): '
    + 'send marketing mail with ListManagementOptions, and SES adds List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)']);
});

test('Dmarc.none(): DMARC missing, with the prop that turned it off', async () => {
  expect((await requirements('nodmarc.mail.test'))[2]).toEqual(
    ['missing', 'DMARC', 'the domain publishes no DMARC record (dmarc: Dmarc.none()): Gmail and Yahoo require one, p=none at least'],
  );
});

test('aspf=s with DKIM records gone: DKIM missing, and the From does not align (the MAIL FROM is a subdomain)', async () => {
  const list = await requirements('strict.mail.test');
  expect(list[1][0]).toBe('missing');
  expect(list[1][2]).toMatch(/^[^ ]+\._domainkey\.strict\.mail\.test\. CNAME is missing$/);
  expect(list[3]).toEqual(['missing', 'From aligned',
    'DKIM: missing (d=strict.mail.test); SPF: not aligned, DMARC has aspf=s and bounce.strict.mail.test is a subdomain']);
});

test('before deploy (no --outputs): DKIM and, when only DKIM can align, the alignment are pending', async () => {
  const list = await requirements('nomailfrom.mail.test', false);
  expect(list.slice(0, 4)).toEqual([
    ['missing', 'SPF', 'no custom MAIL FROM domain: the envelope sender is SES\'s amazonses.com, which passes SPF for SES, not for this domain (customMailFrom)'],
    ['pending', 'DKIM', 'the Easy DKIM records are known only after deploy: give --outputs'],
    ['ok', 'DMARC', 'published with p=none'],
    ['pending', 'From aligned', 'DKIM: pending (d=nomailfrom.mail.test); SPF: no custom MAIL FROM domain'],
  ]);
  // Relaxed SPF alignment through the MAIL FROM domain is enough while DKIM is pending.
  expect((await requirements('plain.mail.test', false))[3]).toEqual(
    ['ok', 'From aligned', 'DKIM: pending (d=plain.mail.test); SPF: aligned through bounce.plain.mail.test'],
  );
});

test('the requirements do not change the exit status; the table shows them under their heading', async () => {
  const run = await runCaptured(['check', '--app', app.outdir, '--outputs', app.outputsFile, '--nameserver', server.address, 'nodmarc.mail.test']);
  expect(run.code).toBe(0);
  const section = run.out.split('\n\n').find((part) => part.startsWith('Bulk sender requirements'))!;
  expect(section.split('\n').slice(0, 3)).toEqual([
    'Bulk sender requirements (Gmail and Yahoo, since February 2024; they do not change the exit status)',
    'nodmarc.mail.test (stack Mail)',
    '  ok          SPF                            the MAIL FROM domain bounce.nodmarc.mail.test publishes SES\'s SPF record',
  ]);
  expect(section.split('\n')).toHaveLength(9);
});
