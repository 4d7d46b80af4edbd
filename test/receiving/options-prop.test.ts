import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, SesReceivingOptions, VerifiedMailDomain } from '../../src';
import { SES_ACTIONS_PER_RULE, SES_RECIPIENTS_PER_RULE } from '../../src/limits';
import { receivingStack } from '../helpers/receiving-fixtures';

// The checks of one domain's receiving options: recipients inside the domain, SES's quotas of a rule,
// the kinds of values from other jsii languages, and resources in the region SES receives in.

const receiving = (options: (stack: Stack) => SesReceivingOptions, region?: string): Template => receivingStack(options, region).template;

const topic = (s: Stack) => new sns.Topic(s, 'T');
const withRecipients = (recipients: unknown) => () => receiving((s) => ({
  actions: [ReceivingAction.sns(topic(s))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), recipients: recipients as string[],
}));
const recipientsOf = (template: Template) => Object.values(template.findResources('AWS::SES::ReceiptRule'))
  .map((r) => r.Properties.Rule.Recipients);

test('recipients: addresses, the domain, a subdomain and every subdomain, their domains as SES matches them', () => {
  const recipients = ['info@example.org', 'Sales@EXAMPLE.org', 'example.org.', 'a@b.example.org.'];
  expect(recipientsOf(withRecipients(recipients)())).toEqual([['info@example.org', 'Sales@example.org', 'example.org', 'a@b.example.org']]);
});

test('recipients below the domain warn that their names need an MX of their own', () => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({
      actions: [ReceivingAction.sns(topic(stack))],
      ruleSet: ReceiptRuleSetChoice.existing('inbox'),
      recipients: ['info@example.org', 'support.example.org', '.example.org'],
    }),
  });
  expect(recipientsOf(Template.fromStack(stack))).toEqual([['info@example.org', 'support.example.org', '.example.org']]);
  Annotations.fromStack(stack).hasWarning('/Mail/Mail', "inboundMail receiving recipients[1] 'support.example.org', recipients[2] '.example.org' lie below example.org, "
    + 'where this construct publishes no MX: their mail reaches SES only if those names have an MX of 10 inbound-smtp.eu-west-1.amazonaws.com '
    + '[ack: cdk-verified-mail-domain:receivingBelowDomain]');
});

test('with a token domain name, recipients raise no receivingBelowDomain warning (below or not is known only at deploy)', () => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  new VerifiedMailDomain(stack, 'Mail', {
    domainName: new CfnParameter(stack, 'Domain').valueAsString,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(topic(stack))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), recipients: ['info@example.org'] }),
  });
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
});

test('an internationalized domain in an address goes to SES as punycode', () => {
  expect(recipientsOf(withRecipients(['info@bücher.example.org'])())).toEqual([['info@xn--bcher-kva.example.org']]);
});

test('recipients as a list token, or entries that are tokens, pass unchecked', () => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  const list = new CfnParameter(stack, 'Recipients', { type: 'CommaDelimitedList' });
  const one = new CfnParameter(stack, 'Recipient');
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(topic(stack))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), recipients: list.valueAsList }),
  });
  new VerifiedMailDomain(stack, 'Net', {
    hostedZone: zone,
    domainName: 'shop.example.org',
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(new sns.Topic(stack, 'T2'))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), recipients: [one.valueAsString, 'shop.example.org'] }),
  });
  expect(recipientsOf(Template.fromStack(stack))).toEqual([{ Ref: 'Recipients' }, [{ Ref: 'Recipient' }, 'shop.example.org']]);
});

test('recipients default to the domain: every address of it', () => {
  expect(recipientsOf(receiving((s) => ({ actions: [ReceivingAction.sns(topic(s))], ruleSet: ReceiptRuleSetChoice.existing('inbox') })))).toEqual([['example.org']]);
});

test(`${SES_RECIPIENTS_PER_RULE} recipients, SES's most for one rule, are accepted`, () => {
  const recipients = Array.from({ length: SES_RECIPIENTS_PER_RULE }, (_, i) => `user${i}@example.org`);
  expect(recipientsOf(withRecipients(recipients)())[0]).toHaveLength(500);
});

const inside = "inside example.org ('info@example.org', 'example.org', 'sub.example.org', or '.example.org' for every subdomain)";
test.each([
  ['an address of another domain', ['info@example.org', 'info@example.com'],
    `inboundMail receiving recipients[1] must be an address or domain ${inside}, got 'info@example.com'; another domain gets its own VerifiedMailDomain`],
  ['a parent domain', ['org'], `inboundMail receiving recipients[0] must be an address or domain ${inside}, got 'org'; another domain gets its own VerifiedMailDomain`],
  ['a name that only ends like the domain', ['badexample.org'],
    `inboundMail receiving recipients[0] must be an address or domain ${inside}, got 'badexample.org'; another domain gets its own VerifiedMailDomain`],
  ['every subdomain of another domain', ['.example.com'],
    `inboundMail receiving recipients[0] must be an address or domain ${inside}, got '.example.com'; another domain gets its own VerifiedMailDomain`],
  ['the same address twice, in other case', ['info@example.org', 'INFO@example.org'],
    "inboundMail receiving recipients[1] 'INFO@example.org' repeats recipients[0]; list each address or domain once"],
  ['the domain twice, once with a trailing dot', ['example.org', 'example.org.'],
    "inboundMail receiving recipients[1] 'example.org.' repeats recipients[0]; list each address or domain once"],
  ['an empty list', [], 'inboundMail receiving recipients must list at least one address or domain, got an empty list; leave it out to receive for every address of example.org'],
  ['more than SES allows', Array.from({ length: 501 }, (_, i) => `u${i}@example.org`),
    'inboundMail receiving recipients lists 501 entries; SES allows at most 500 per receipt rule'],
  ['an empty local part', ['@example.org'],
    "inboundMail receiving recipients[0] must be an e-mail address like 'info@example.org', got '@example.org'"],
  ['a local part of 65 characters', [`${'a'.repeat(65)}@example.org`],
    `inboundMail receiving recipients[0] must have a local part (before '@') of at most 64 characters (RFC 5321), got 65 in '${'a'.repeat(65)}@example.org'`],
  ['a space in the local part', ['first last@example.org'],
    "inboundMail receiving recipients[0] must be an e-mail address like 'info@example.org', got 'first last@example.org'"],
  ['a local part with a double dot', ['in..fo@example.org'],
    "inboundMail receiving recipients[0] must be an e-mail address like 'info@example.org', got 'in..fo@example.org'"],
  ['two @', ['a@b@example.org'], "inboundMail receiving recipients[0] must be an e-mail address like 'info@example.org', got 'a@b@example.org'"],
  ['a malformed domain', ['info@exa_mple.org'], "inboundMail receiving recipients[0] labels may hold only letters, digits and inner hyphens, got 'exa_mple' in 'exa_mple.org'"],
  ['non-ASCII in the local part', ['jöhn@example.org'], "inboundMail receiving recipients[0] must contain only printable ASCII characters, got 'jöhn' (character \"ö\" at 1)"],
  ['a string, not a list', 'info@example.org', 'inboundMail receiving recipients must be a list of strings, got string "info@example.org"'],
  ['a number in the list', [42], 'inboundMail receiving recipients[0] must be a string, got number 42'],
])('recipients: %s fails at synth', (_name, recipients, message) => {
  expect(withRecipients(recipients)).toThrow(message);
});

test(`${SES_ACTIONS_PER_RULE} actions are accepted, ${SES_ACTIONS_PER_RULE + 1} are not (SES quota)`, () => {
  const actions = (n: number) => (s: Stack) => ({
    actions: Array.from({ length: n }, (_, i) => ReceivingAction.sns(new sns.Topic(s, `T${i}`))),
    ruleSet: ReceiptRuleSetChoice.existing('inbox'),
  });
  const template = receiving(actions(10));
  expect(Object.values(template.findResources('AWS::SES::ReceiptRule'))[0].Properties.Rule.Actions).toHaveLength(10);
  expect(() => receiving(actions(11))).toThrow(new Error('inboundMail receiving actions lists 11 actions; SES allows at most 10 per receipt rule'));
});

test.each([
  ['an action that is not a ReceivingAction', () => ({ actions: [{ bucket: 'inbox' }], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
    'inboundMail receiving actions[0] must be ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...), got an object of class Object'],
  ['actions that are not a list', () => ({ actions: 'sns', ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
    'inboundMail receiving actions must be a list of ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...), got string "sns"'],
  ['no actions', () => ({ actions: [], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
    'inboundMail receiving actions must list at least one action (ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...))'],
  ['a rule set given by name only', (s: Stack) => ({ actions: [ReceivingAction.sns(topic(s))], ruleSet: 'inbox' }),
    'inboundMail receiving ruleSet must be ReceiptRuleSetChoice.fromReceiptRuleSet(ruleSet) or ReceiptRuleSetChoice.create(), got string "inbox"'],
  ['scanEnabled as text', (s: Stack) => ({ actions: [ReceivingAction.sns(topic(s))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), scanEnabled: 'yes' }),
    'inboundMail receiving scanEnabled must be true or false, got string "yes"'],
  ['tlsRequired as a number', (s: Stack) => ({ actions: [ReceivingAction.sns(topic(s))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), tlsRequired: 1 }),
    'inboundMail receiving tlsRequired must be true or false, got number 1'],
  ['allowUnlistedRegion as text', (s: Stack) => ({ actions: [ReceivingAction.sns(topic(s))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), allowUnlistedRegion: 'true' }),
    'inboundMail receiving allowUnlistedRegion must be true or false, got string "true"'],
])('%s fails at synth with the prop named', (_name, options, message) => {
  expect(() => receiving(options as unknown as (s: Stack) => SesReceivingOptions)).toThrow(message);
});

test.each([
  ['an existing set named with a space', () => ReceiptRuleSetChoice.existing('my set'),
    "ReceiptRuleSetChoice.existing ruleSetName must be 1-64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (SES), got 'my set'"],
  ['an existing set named with 65 characters', () => ReceiptRuleSetChoice.existing('a'.repeat(65)),
    `ReceiptRuleSetChoice.existing ruleSetName must be 1-64 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (SES), got '${'a'.repeat(65)}'`],
  ['a new set named with a dot (SES creates none)', () => ReceiptRuleSetChoice.create({ ruleSetName: 'mail.inbox' }),
    "ReceiptRuleSetChoice.create ruleSetName must be 1-64 letters, digits, '_' or '-', starting and ending with a letter or digit (SES), got 'mail.inbox'"],
  ['a new set named with a trailing hyphen', () => ReceiptRuleSetChoice.create({ ruleSetName: 'inbox-' }),
    "ReceiptRuleSetChoice.create ruleSetName must be 1-64 letters, digits, '_' or '-', starting and ending with a letter or digit (SES), got 'inbox-'"],
  ['activate as text', () => ReceiptRuleSetChoice.create({ activate: 'no' as unknown as boolean }),
    'ReceiptRuleSetChoice.create activate must be true or false, got string "no"'],
  ['replaceActive as a number', () => ReceiptRuleSetChoice.create({ replaceActive: 0 as unknown as boolean }),
    'ReceiptRuleSetChoice.create replaceActive must be true or false, got number 0'],
])('%s fails where it is made', (_name, make, message) => {
  expect(make).toThrow(message);
});

test('an existing set of 64 characters, letters, digits, ., _ and -, is accepted (older sets may have dots)', () => {
  const name = `A1_-.${'b'.repeat(58)}9`;
  const template = receiving((s) => ({ actions: [ReceivingAction.sns(topic(s))], ruleSet: ReceiptRuleSetChoice.existing(name) }));
  expect(Object.values(template.findResources('AWS::SES::ReceiptRule'))[0].Properties.RuleSetName).toEqual(name);
});

test('a token rule set name passes unchecked', () => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const name = new CfnParameter(stack, 'RuleSet').valueAsString;
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(topic(stack))], ruleSet: ReceiptRuleSetChoice.create({ ruleSetName: name }) }) });
  Template.fromStack(stack).hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: { Ref: 'RuleSet' } });
});

const elsewhere = 'but SES receives this domain\'s mail in eu-west-1 and delivers only to SNS topics, Lambda functions and KMS keys of that region; use one in eu-west-1';
test.each([
  ['a topic', (s: Stack) => ReceivingAction.sns(sns.Topic.fromTopicArn(s, 'Far', 'arn:aws:sns:us-east-1:123456789012:mail')),
    `inboundMail receiving actions[0]: the topic Mail/Far is in us-east-1, ${elsewhere}`],
  ['a function', (s: Stack) => ReceivingAction.lambda(lambda.Function.fromFunctionArn(s, 'Far', 'arn:aws:lambda:us-west-2:123456789012:function:mail')),
    `inboundMail receiving actions[0]: the function Mail/Far is in us-west-2, ${elsewhere}`],
  ['a KMS key', (s: Stack) => ReceivingAction.s3({ bucket: new s3.Bucket(s, 'Inbox'), kmsKey: kms.Key.fromKeyArn(s, 'Far', 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab') }),
    `inboundMail receiving actions[0]: the KMS key Mail/Far is in eu-central-1, ${elsewhere}`],
])('%s in another region than SES receives in fails at synth', (_name, action, message) => {
  expect(() => receiving((s) => ({ actions: [action(s)], ruleSet: ReceiptRuleSetChoice.existing('inbox') }))).toThrow(message);
});

test('a bucket\'s region is not checked (no AWS rule for it was confirmed here)', () => {
  const template = receiving((s) => ({ actions: [ReceivingAction.s3({ bucket: s3.Bucket.fromBucketAttributes(s, 'Far', { bucketName: 'mail-archive', region: 'us-east-1' }) })], ruleSet: ReceiptRuleSetChoice.existing('inbox') }));
  expect(Object.values(template.findResources('AWS::SES::ReceiptRule'))[0].Properties.Rule.Actions).toEqual([{ S3Action: { BucketName: 'mail-archive' } }]);
});

test('a topic of a stack in another region is refused, naming the action', () => {
  const app = new App();
  const far = new Stack(app, 'Far', { env: { account: '123456789012', region: 'us-east-1' } });
  const topicFar = new sns.Topic(far, 'Inbox');
  const stack = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  expect(() => new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.s3({ bucket: new s3.Bucket(stack, 'B') }), ReceivingAction.sns(topicFar)], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
  })).toThrow(new Error(`inboundMail receiving actions[1]: the topic Far/Inbox is in us-east-1, ${elsewhere}`));
});

test('a token ARN in a same-region stack passes; resources in the same region, or in an environment-agnostic stack, pass', () => {
  const tokenStack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const arn = new CfnParameter(tokenStack, 'TopicArn').valueAsString;
  const tokenZone = route53.HostedZone.fromHostedZoneAttributes(tokenStack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(tokenStack, 'Mail', {
    hostedZone: tokenZone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(sns.Topic.fromTopicArn(tokenStack, 'T', arn))], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
  });
  expect(Object.values(Template.fromStack(tokenStack).findResources('AWS::SES::ReceiptRule'))[0].Properties.Rule.Actions)
    .toEqual([{ SNSAction: { TopicArn: { Ref: 'TopicArn' }, Encoding: 'UTF-8' } }]);

  const template = receiving((s) => ({
    actions: [ReceivingAction.sns(sns.Topic.fromTopicArn(s, 'Near', 'arn:aws:sns:eu-west-1:123456789012:mail'))],
    ruleSet: ReceiptRuleSetChoice.existing('inbox'),
  }));
  template.resourceCountIs('AWS::SES::ReceiptRule', 1);
  const agnostic = new Stack(new App(), 'Agnostic');
  const zone = new route53.PublicHostedZone(agnostic, 'Zone', { zoneName: 'example.org' });
  new VerifiedMailDomain(agnostic, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(sns.Topic.fromTopicArn(agnostic, 'T', 'arn:aws:sns:us-east-1:123456789012:mail'))], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
  });
  Template.fromStack(agnostic).resourceCountIs('AWS::SES::ReceiptRule', 1);
});
