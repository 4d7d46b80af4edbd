import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { SES_ACTIONS_PER_RULE, SES_RECIPIENTS_PER_RULE } from '../../src/limits';
import { checkReceivingOptions, ReceivingDomain } from '../../src/receiving/options';
import { SesReceivingOptions } from '../../src/receiving/receiving';
import { ReceiptRuleSetChoice } from '../../src/receiving/rule-sets';

// options.ts directly: checkReceivingOptions without a construct or a synth (the end-to-end cases are in
// options-prop.test.ts). An action is any object with a bind function, as the shape check reads it.

const DOMAIN: ReceivingDomain = { domainName: 'example.org', mailFromDomain: 'bounce.example.org', region: 'eu-west-1' };
const ACTION = { bind: () => ({}) } as unknown as ses.IReceiptRuleAction;
const ACTIONS = 'ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...)';

function options(more: Record<string, unknown> = {}): SesReceivingOptions {
  return { actions: [ACTION], ruleSet: ReceiptRuleSetChoice.existing('inbox'), ...more } as SesReceivingOptions;
}

const check = (more: Record<string, unknown>, domain: ReceivingDomain = DOMAIN) => () => checkReceivingOptions(domain, options(more));

describe('the options object', () => {
  test.each([
    ['null', null, 'null'],
    ['a list', [], 'a list'],
    ['a string', 'inbox', 'string "inbox"'],
  ])('%s is refused by kind', (_, value, shown) => {
    expect(() => checkReceivingOptions(DOMAIN, value as any)).toThrow(new Error(
      `inboundMail receiving must be an object of SesReceivingOptions ({ actions, ruleSet, ... }), got ${shown}`));
  });

  test('the least options: the domain as recipient, no recipient outside, TLS optional', () => {
    expect(checkReceivingOptions(DOMAIN, options())).toEqual({ recipients: ['example.org'], outside: [], tlsPolicy: 'Optional' });
  });
});

describe('actions', () => {
  test(`${SES_ACTIONS_PER_RULE} actions, SES's most for one rule, are accepted`, () => {
    expect(check({ actions: Array(SES_ACTIONS_PER_RULE).fill(ACTION) })().recipients).toEqual(['example.org']);
  });

  test.each<[string, unknown, string]>([
    ['not a list', ACTION, `inboundMail receiving actions must be a list of ${ACTIONS}, got an object of class Object`],
    ['an empty list', [], `inboundMail receiving actions must list at least one action (${ACTIONS})`],
    ['one more than SES allows', Array(SES_ACTIONS_PER_RULE + 1).fill(ACTION),
      'inboundMail receiving actions lists 11 actions; SES allows at most 10 per receipt rule'],
    ['a second entry without bind', [ACTION, { bucket: 'inbox' }], `inboundMail receiving actions[1] must be ${ACTIONS}, got an object of class Object`],
    ['an entry whose bind is not a function', [{ bind: 'yes' }], `inboundMail receiving actions[0] must be ${ACTIONS}, got an object of class Object`],
    ['a null entry', [null], `inboundMail receiving actions[0] must be ${ACTIONS}, got null`],
  ])('%s is refused', (_, actions, message) => {
    expect(check({ actions })).toThrow(new Error(message));
  });
});

test.each<[string, Record<string, unknown>, string]>([
  ['a rule set given by name', { ruleSet: 'inbox' },
    'inboundMail receiving ruleSet must be ReceiptRuleSetChoice.fromReceiptRuleSet(ruleSet) or ReceiptRuleSetChoice.create(), got string "inbox"'],
  ['scanEnabled as text', { scanEnabled: 'yes' }, 'inboundMail receiving scanEnabled must be true or false, got string "yes"'],
  ['allowUnlistedRegion as a number', { allowUnlistedRegion: 1 }, 'inboundMail receiving allowUnlistedRegion must be true or false, got number 1'],
  ['tlsRequired as text', { tlsRequired: 'true' }, 'inboundMail receiving tlsRequired must be true or false, got string "true"'],
  ['tlsPolicy not of ses.TlsPolicy', { tlsPolicy: 'Always' },
    "inboundMail receiving tlsPolicy must be one of ses.TlsPolicy.OPTIONAL ('Optional'), ses.TlsPolicy.REQUIRE ('Require'), got 'Always'"],
])('%s is refused', (_, more, message) => {
  expect(check(more)).toThrow(new Error(message));
});

describe('the TLS policy', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['neither given: optional', {}, 'Optional'],
    ['tlsPolicy REQUIRE', { tlsPolicy: ses.TlsPolicy.REQUIRE }, 'Require'],
    ['tlsPolicy OPTIONAL', { tlsPolicy: ses.TlsPolicy.OPTIONAL }, 'Optional'],
    ['tlsRequired true', { tlsRequired: true }, 'Require'],
    ['tlsRequired false', { tlsRequired: false }, 'Optional'],
    ['both, agreeing on REQUIRE', { tlsPolicy: ses.TlsPolicy.REQUIRE, tlsRequired: true }, 'Require'],
    ['both, agreeing on OPTIONAL', { tlsPolicy: ses.TlsPolicy.OPTIONAL, tlsRequired: false }, 'Optional'],
  ])('%s', (_, more, policy) => {
    expect(check(more)().tlsPolicy).toBe(policy);
  });

  test.each<[ses.TlsPolicy, boolean, string]>([
    [ses.TlsPolicy.REQUIRE, false, 'Optional'],
    [ses.TlsPolicy.OPTIONAL, true, 'Require'],
  ])('tlsPolicy %s with tlsRequired %s disagree', (tlsPolicy, tlsRequired, meant) => {
    expect(check({ tlsPolicy, tlsRequired })).toThrow(new Error(
      `inboundMail receiving tlsPolicy is '${tlsPolicy}' and tlsRequired is ${tlsRequired}, which means '${meant}': they disagree. `
      + 'Give only tlsPolicy (tlsRequired is deprecated)'));
  });

  test('a tlsPolicy that is a token is not compared with tlsRequired, and is the policy', () => {
    const tlsPolicy = new CfnParameter(new Stack(new App(), 'Test'), 'Tls').valueAsString;
    expect(check({ tlsPolicy, tlsRequired: false })().tlsPolicy).toBe(tlsPolicy);
  });
});

describe('recipients', () => {
  test('addresses, names and every subdomain, as SES matches them; those below the domain are outside', () => {
    const recipients = ['info@example.org', 'Sales@EXAMPLE.org.', 'Example.org.', 'shop.example.org', '.Example.org', 'a@b.example.org', 'info@bücher.example.org'];
    expect(check({ recipients })()).toEqual({
      recipients: ['info@example.org', 'Sales@example.org', 'example.org', 'shop.example.org', '.example.org', 'a@b.example.org', 'info@xn--bcher-kva.example.org'],
      outside: ["recipients[3] 'shop.example.org'", "recipients[4] '.Example.org'", "recipients[5] 'a@b.example.org'", "recipients[6] 'info@bücher.example.org'"],
      tlsPolicy: 'Optional',
    });
  });

  test(`${SES_RECIPIENTS_PER_RULE} recipients, SES's most for one rule, are accepted`, () => {
    const recipients = Array.from({ length: SES_RECIPIENTS_PER_RULE }, (_, i) => `u${i}@example.org`);
    expect(check({ recipients })().recipients).toEqual(recipients);
  });

  test('a list token passes unchecked, with nothing outside', () => {
    const recipients = new CfnParameter(new Stack(new App(), 'Test'), 'Recipients', { type: 'CommaDelimitedList' }).valueAsList;
    expect(check({ recipients })()).toEqual({ recipients, outside: [], tlsPolicy: 'Optional' });
  });

  test('an entry that is a token passes unchecked and is not outside; the others are checked', () => {
    const one = new CfnParameter(new Stack(new App(), 'Test'), 'Recipient').valueAsString;
    expect(check({ recipients: [one, 'shop.example.org', one] })()).toEqual({
      recipients: [one, 'shop.example.org', one], outside: ["recipients[1] 'shop.example.org'"], tlsPolicy: 'Optional',
    });
    expect(check({ recipients: [one, 'info@example.com'] })).toThrow(new Error(
      'inboundMail receiving recipients[1] must be an address or domain inside example.org (\'info@example.org\', \'example.org\', \'sub.example.org\', '
      + "or '.example.org' for every subdomain), got 'info@example.com'; another domain gets its own VerifiedMailDomain"));
  });

  test('with a token domain name nothing is outside and any domain passes', () => {
    const domainName = new CfnParameter(new Stack(new App(), 'Test'), 'Domain').valueAsString;
    const domain = { domainName, region: 'eu-west-1' };
    expect(checkReceivingOptions(domain, options({ recipients: ['info@example.com', '.example.net'] }))).toEqual({
      recipients: ['info@example.com', '.example.net'], outside: [], tlsPolicy: 'Optional',
    });
    expect(checkReceivingOptions(domain, options())).toEqual({ recipients: [domainName], outside: [], tlsPolicy: 'Optional' });
  });

  const notInside = (i: number, got: string) => `inboundMail receiving recipients[${i}] must be an address or domain inside example.org ('info@example.org', `
    + `'example.org', 'sub.example.org', or '.example.org' for every subdomain), got '${got}'; another domain gets its own VerifiedMailDomain`;
  test.each<[string, unknown, string]>([
    ['an address of another domain', ['info@example.org', 'info@example.com'], notInside(1, 'info@example.com')],
    ['the parent domain', ['org'], notInside(0, 'org')],
    ['a name that only ends like the domain', ['badexample.org'], notInside(0, 'badexample.org')],
    ['every subdomain of another domain', ['.example.com'], notInside(0, '.example.com')],
    ['an address at every subdomain', ['info@.example.org'], "inboundMail receiving recipients[0] must not contain an empty label (a leading dot or two dots in a row), got '.example.org'"],
    ['the same address twice, in other case', ['info@example.org', 'x.example.org', 'INFO@Example.org'],
      "inboundMail receiving recipients[2] 'INFO@Example.org' repeats recipients[0]; list each address or domain once"],
    ['the domain twice, once with a trailing dot', ['example.org', 'example.org.'],
      "inboundMail receiving recipients[1] 'example.org.' repeats recipients[0]; list each address or domain once"],
    ['an empty list', [], 'inboundMail receiving recipients must list at least one address or domain, got an empty list; leave it out to receive for every address of example.org'],
    ['one more than SES allows', Array.from({ length: SES_RECIPIENTS_PER_RULE + 1 }, (_, i) => `u${i}@example.org`),
      'inboundMail receiving recipients lists 501 entries; SES allows at most 500 per receipt rule'],
    ['an empty local part', ['@example.org'], "inboundMail receiving recipients[0] must be an e-mail address like 'info@example.org', got '@example.org'"],
    ['a string, not a list', 'info@example.org', 'inboundMail receiving recipients must be a list of strings, got string "info@example.org"'],
    ['a number in the list', ['info@example.org', 42], 'inboundMail receiving recipients[1] must be a string, got number 42'],
  ])('%s is refused', (_, recipients, message) => {
    expect(check({ recipients })).toThrow(new Error(message));
  });

  test('the domain and every subdomain are two recipients, not one repeated', () => {
    expect(check({ recipients: ['example.org', '.example.org'] })().recipients).toEqual(['example.org', '.example.org']);
  });
});

describe('recipients at the MAIL FROM domain', () => {
  const atMailFrom = (i: number, entry: string, mailFrom: string, label: string, region = 'eu-west-1') => `inboundMail receiving recipients[${i}] '${entry}' `
    + `is at the MAIL FROM domain ${mailFrom} (mailFromSubdomain '${label}'), whose MX is SES's feedback endpoint feedback-smtp.${region}.amazonses.com: `
    + 'mail to it never reaches a receipt rule. Receive at another address, or choose another mailFromSubdomain';

  test.each<[string, string[], ReceivingDomain, string]>([
    ['an address there', ['info@example.org', 'Postmaster@Bounce.example.org'], DOMAIN, atMailFrom(1, 'Postmaster@Bounce.example.org', 'bounce.example.org', 'bounce')],
    ['the name itself, in another region', ['bounce.example.org.'], { ...DOMAIN, region: 'us-east-1' }, atMailFrom(0, 'bounce.example.org.', 'bounce.example.org', 'bounce', 'us-east-1')],
    ['a MAIL FROM domain two labels deep', ['a@x.bounce.example.org'], { ...DOMAIN, mailFromDomain: 'x.bounce.example.org' },
      atMailFrom(0, 'a@x.bounce.example.org', 'x.bounce.example.org', 'x.bounce')],
    ['a MAIL FROM domain that is the domain (its whole name as the label)', ['example.org'], { ...DOMAIN, mailFromDomain: 'example.org' },
      atMailFrom(0, 'example.org', 'example.org', 'example.org')],
  ])('%s is refused', (_, recipients, domain, message) => {
    expect(check({ recipients }, domain)).toThrow(new Error(message));
  });

  test.each<[string, string[], ReceivingDomain]>([
    ['every subdomain of it', ['.bounce.example.org'], DOMAIN],
    ['a name below it', ['a@x.bounce.example.org', 'y.bounce.example.org'], DOMAIN],
    ['any name without a MAIL FROM domain', ['bounce.example.org'], { domainName: 'example.org', region: 'eu-west-1' }],
  ])('%s passes', (_, recipients, domain) => {
    expect(check({ recipients }, domain)().recipients).toEqual(recipients);
  });

  test('a MAIL FROM domain that is a token is not compared', () => {
    const mailFromDomain = new CfnParameter(new Stack(new App(), 'Test'), 'MailFrom').valueAsString;
    expect(check({ recipients: ['bounce.example.org'] }, { ...DOMAIN, mailFromDomain })().recipients).toEqual(['bounce.example.org']);
  });
});
