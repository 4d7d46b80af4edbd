import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { DomainMark, markDomain } from '../../src/app-marks';
import { mailFromRecipientErrors } from '../../src/receiving/mail-from-recipients';

// mail-from-recipients.ts directly, over marked constructs and bare receipt rules, no VerifiedMailDomain
// (through the construct: mail-from-recipients-prop.test.ts).

const NEVER_FIRES = (rule: string, i: number, recipient: string, owner: string, label: string) => `The receipt rule ${rule} receives for recipients[${i}] '${recipient}', `
  + `at the MAIL FROM domain of ${owner} (mailFromSubdomain '${label}'), whose only MX is SES's feedback endpoint: mail to it never reaches a receipt rule. `
  + `Receive at another address, or give ${owner} another mailFromSubdomain`;

/** A domain's mark as the module reads it: its domain and MAIL FROM domain (the label default is not read). */
type Mark = Omit<DomainMark, 'defaultMailFromLabel'>;

function app(marks: Record<string, (s: Stack) => Mark>, recipients: (s: Stack) => unknown[] | undefined): { app: App; errors: string[][] } {
  const a = new App();
  const s = new Stack(a, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  for (const [id, mark] of Object.entries(marks)) markDomain(new Construct(s, id), { defaultMailFromLabel: 'bounce', ...mark(s) });
  new ses.CfnReceiptRule(s, 'Rule', { ruleSetName: 'inbox', rule: { recipients: recipients(s) as string[] } });
  return { app: a, errors: mailFromRecipientErrors(a.node.findAll()).map((e) => [e.subject.node.path, e.message]) };
}

const ORG = () => ({ domainName: 'example.org', mailFromDomain: 'bounce.example.org' });

test('recipients at a MAIL FROM domain: each is an error on the rule, by its index; other names, .<domain> and tokens pass', () => {
  const { errors } = app({ Org: ORG }, (s) => ['info@example.org', 'Postmaster@bounce.example.org', '.bounce.example.org', new CfnParameter(s, 'R').valueAsString,
    'BOUNCE.example.org.', 'shop.example.org', 5]);
  expect(errors).toEqual([
    ['Mail/Rule', NEVER_FIRES('Mail/Rule', 1, 'Postmaster@bounce.example.org', 'Mail/Org', 'bounce')],
    ['Mail/Rule', NEVER_FIRES('Mail/Rule', 4, 'BOUNCE.example.org.', 'Mail/Org', 'bounce')],
  ]);
});

test('a MAIL FROM domain outside the domain is named whole; the domain of the second mark is found too', () => {
  const { errors } = app({ Org: ORG, Net: () => ({ domainName: 'example.net', mailFromDomain: 'Mail.Example.com' }) }, () => ['a@mail.example.com']);
  expect(errors).toEqual([['Mail/Rule', NEVER_FIRES('Mail/Rule', 0, 'a@mail.example.com', 'Mail/Net', 'Mail.Example.com')]]);
});

test.each<[string, Record<string, (s: Stack) => Mark>]>([
  ['no domain', {}],
  ['a domain without a MAIL FROM domain', { Org: () => ({ domainName: 'example.org' }) }],
  ['a token MAIL FROM domain', { Org: (s) => ({ domainName: 'example.org', mailFromDomain: new CfnParameter(s, 'M').valueAsString }) }],
  ['a token domain name', { Org: (s) => ({ domainName: new CfnParameter(s, 'D').valueAsString, mailFromDomain: 'bounce.example.org' }) }],
])('with %s nothing is an error', (_title, marks) => {
  expect(app(marks, () => ['bounce.example.org']).errors).toEqual([]);
});

test('a rule without recipients, or with recipients that are no list, is passed over', () => {
  expect(app({ Org: ORG }, () => undefined).errors).toEqual([]);
  expect(app({ Org: ORG }, (s) => new CfnParameter(s, 'List', { type: 'CommaDelimitedList' }).valueAsList).errors).toEqual([]);
});
