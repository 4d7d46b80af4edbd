import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  Deliverability, DkimSigning, Dmarc, DmarcPolicy, InboundMail, ReceiptRuleSetChoice, ReceivingAction, Spf, VerificationWait,
  VerifiedMailDomain, VerifiedMailDomainProps,
} from '../src';
import { recordSets, zoneStack } from './helpers/util';

// A key that is none of a struct's props (a mistyped option from JavaScript) is refused, never read as
// absent: the five cases a reviewer ran (issue 20) and the near-miss rule. test/kinds.test.ts proves the
// known keys of every struct equal its props; this file pins the exact messages.

const DMARC_OPTIONS = 'policy, subdomainPolicy, nonExistentSubdomainPolicy, aggregateReportAddresses, failureReportAddresses, '
  + 'dkimAlignment, spfAlignment, failureReportOptions, testing';
const SPF_OPTIONS = 'include, ip4, ip6, a, mx, terms, all';
const SES_OPTIONS = 'actions, ruleSet, recipients, scanEnabled, tlsPolicy, tlsRequired, allowUnlistedRegion';
const PROPS = 'hostedZone, domainName, dkim, customMailFrom, mailFromSubdomain, mailFromBehaviorOnMxFailure, spf, domainTxtValues, '
  + 'dmarc, dmarcReports, inboundMail, recordTtl, configurationSet, deliverability, recordOutputs, recordRendering, removalPolicy, primary, primaryRegion, '
  + 'waitForVerification';

/** A bucket in its own stack, for the receiving cases. */
function bucketOf(stack: Stack): s3.Bucket {
  return new s3.Bucket(stack, 'Inbox');
}

/** A call from JavaScript: its options are any object, as TypeScript would not let these through. */
type Call = (stack: Stack, zone: route53.IHostedZone) => unknown;
const js = (value: object): any => value;

const errors: Array<[string, Call, string]> = [
  // The five the reviewer ran.
  ["Dmarc.publish({ Policy: 'reject' })", () => Dmarc.publish(js({ Policy: 'reject' })),
    `Dmarc.publish has no option 'Policy': did you mean 'policy'? Options: ${DMARC_OPTIONS}`],
  ["Spf.publish({ includes: ['_spf.google.com'] })", () => Spf.publish(js({ includes: ['_spf.google.com'] })),
    `Spf.publish has no option 'includes': did you mean 'include'? Options: ${SPF_OPTIONS}`],
  ['ReceivingAction.s3({ bucket, kmskey: key })', (stack) => ReceivingAction.s3(js({ bucket: bucketOf(stack), kmskey: new kms.Key(stack, 'Key') })),
    "ReceivingAction.s3 has no option 'kmskey': did you mean 'kmsKey'? Options: bucket, objectKeyPrefix, kmsKey"],
  ['InboundMail.ses({ actions, ruleSet, recipient })', (stack) => InboundMail.ses(js({
    actions: [ReceivingAction.s3({ bucket: bucketOf(stack) })], ruleSet: ReceiptRuleSetChoice.existing('rules'), recipient: ['info@example.org'],
  })), `InboundMail.ses has no option 'recipient': did you mean 'recipients'? Options: ${SES_OPTIONS}`],
  ['VerifiedMailDomain { dmark }', (stack, zone) => new VerifiedMailDomain(stack, 'Mail', js({ hostedZone: zone, dmark: Dmarc.publish({ policy: DmarcPolicy.REJECT }) })),
    `VerifiedMailDomainProps has no option 'dmark': did you mean 'dmarc'? Options: ${PROPS}`],
  // Near misses: another case, a swap of neighbours, a letter dropped; a key under 4 characters only by case.
  ["ReceiptRuleSetChoice.create({ rulesetName: 'rules' })", () => ReceiptRuleSetChoice.create(js({ rulesetName: 'rules' })),
    "ReceiptRuleSetChoice.create has no option 'rulesetName': did you mean 'ruleSetName'? Options: ruleSetName, activate, replaceActive"],
  ['DkimSigning.byoDkim({ selcetor, privateKey, publicKey })', () => DkimSigning.byoDkim(js({
    selcetor: 'sel1', privateKey: SecretValue.secretsManager('dkim-key'), publicKey: 'MIIB',
  })), "DkimSigning.byoDkim has no option 'selcetor': did you mean 'selector'? Options: selector, privateKey, publicKey"],
  ['VerificationWait.untilVerified({ timout })', () => VerificationWait.untilVerified(js({ timout: Duration.minutes(5) })),
    "VerificationWait.untilVerified has no option 'timout': did you mean 'timeout'? Options: interval, timeout"],
  ["Spf.publish({ ipv4: ['192.0.2.1'] })", () => Spf.publish(js({ ipv4: ['192.0.2.1'] })),
    `Spf.publish has no option 'ipv4': did you mean 'ip4'? Options: ${SPF_OPTIONS}`],
  ['Spf.publish({ MX: true })', () => Spf.publish(js({ MX: true })),
    `Spf.publish has no option 'MX': did you mean 'mx'? Options: ${SPF_OPTIONS}`],
  ['InboundMail.sesEndpoint({ allowUnlistedRegions })', () => InboundMail.sesEndpoint(js({ allowUnlistedRegions: true })),
    "InboundMail.sesEndpoint has no option 'allowUnlistedRegions': did you mean 'allowUnlistedRegion'? Options: allowUnlistedRegion"],
  ["Dmarc.publish({ pollicyy: 'reject' }): 2 edits", () => Dmarc.publish(js({ pollicyy: 'reject' })),
    `Dmarc.publish has no option 'pollicyy': did you mean 'policy'? Options: ${DMARC_OPTIONS}`],
  // Keys that are no near miss: refused all the same, each named.
  ["Dmarc.publish({ pollicyyy: 'reject' }): 3 edits", () => Dmarc.publish(js({ pollicyyy: 'reject' })),
    `Dmarc.publish has no option 'pollicyyy'; options: ${DMARC_OPTIONS}`],
  ['Spf.publish({ mxx: true })', () => Spf.publish(js({ mxx: true })), `Spf.publish has no option 'mxx'; options: ${SPF_OPTIONS}`],
  ['Dmarc.publish({ p, rua })', () => Dmarc.publish(js({ p: 'reject', rua: 'mailto:d@example.org' })),
    `Dmarc.publish has no options 'p', 'rua'; options: ${DMARC_OPTIONS}`],
  ['Deliverability.guard({ bounceRate })', () => Deliverability.guard(js({ bounceRate: 0.05 })),
    "Deliverability.guard has no option 'bounceRate'; options: eventDestination, additionalEvents, bounceRateThreshold, "
      + 'complaintRateThreshold, alarmTopic, accountAlarms, configurationSetName, virtualDeliverabilityManager, tenant, contactList'],
  ['InboundMail.servers([{ host, priority, weight }])', () => InboundMail.servers([js({ host: 'mx.example.net', priority: 10, weight: 5 })]),
    "InboundMail.servers servers[0] has no option 'weight'; options: host, priority"],
  ['grantSendEmail(role, { fromAddressInDomain })', (stack, zone) => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone })
    .grantSendEmail(new iam.Role(stack, 'Sender', { assumedBy: new iam.AccountRootPrincipal() }), js({ fromAddressInDomain: true })),
  "grantSendEmail has no option 'fromAddressInDomain'; options: fromAddressInDomainOnly"],
];

test.each(errors)('%s', (_name, call, message) => {
  const { stack, zone } = zoneStack();
  expect(() => call(stack, zone)).toThrow(new Error(message));
});

describe('VerifiedMailDomainProps may be a wider object', () => {
  const ACK = 'or acknowledge this warning where a wider object such as stack props is passed on purpose';
  const ID = '[ack: cdk-verified-mail-domain:unknownProp]';
  function mail(props: object) {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, ...props } as VerifiedMailDomainProps);
    return stack;
  }

  test('stack props spread in are a warning naming each key, and the records are published as without them', () => {
    const stack = mail({
      env: { region: 'eu-west-1' },
      stackName: 'Mail',
      description: 'mail',
      tags: { team: 'mail' },
      terminationProtection: true,
      analyticsReporting: false,
      crossRegionReferences: false,
    });
    Annotations.fromStack(stack).hasWarning('/Test/Mail', "VerifiedMailDomainProps has no props 'env', 'stackName', 'description', 'tags', "
      + `'terminationProtection', 'analyticsReporting', 'crossRegionReferences': ignored (remove them, ${ACK}); props: ${PROPS} ${ID}`);
    expect(recordSets(stack)).toEqual(recordSets(mail({})));
  });

  test('one unknown key', () => {
    Annotations.fromStack(mail({ zzUnknown: 1 })).hasWarning('/Test/Mail',
      `VerifiedMailDomainProps has no prop 'zzUnknown': ignored (remove it, ${ACK}); props: ${PROPS} ${ID}`);
  });

  test('without unknown keys, no warning', () => {
    expect(Annotations.fromStack(mail({ recordTtl: Duration.minutes(5) }))
      .findWarning('*', Match.stringLikeRegexp('unknownProp'))).toEqual([]);
  });
});

test('a key whose value is undefined is ignored (a spread of optional props)', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', js({
    hostedZone: zone, dmark: undefined, spf: Spf.publish(js({ include: ['_spf.google.com'], includes: undefined })),
  }));
  expect(Object.values(recordSets(stack)).filter((r) => r.Name === 'example.org.' && r.Type === 'TXT')).toEqual([
    { Name: 'example.org.', Type: 'TXT', ResourceRecords: ['"v=spf1 include:amazonses.com include:_spf.google.com ~all"'], TTL: '1800' },
  ]);
  expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('unknownProp'))).toEqual([]);
});
