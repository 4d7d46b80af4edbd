// Integration test of receiving: a domain whose mail SES receives through a new, activated rule set,
// with aws-cdk-lib's AddHeader and Stop actions beside the construct's S3 action (its grant scoped to
// this rule) and TLS required; asserts through the SES API that the set is the active one and holds
// the rule as synthesized.
//
// Without AWS, `npm test` compares this app's synthesized output with the committed snapshot
// (test/integ.receiving.ts.snapshot). Against your own account:
//
//   INTEG_ZONE_NAME=example.com INTEG_HOSTED_ZONE_ID=Z0123... \
//     npx integ-runner --language typescript --update-on-failed
//
// The zone must be a public zone of that account, in a region where SES receives mail, with no other
// active receipt rule set (the activation refuses to replace one; that set's domains would stop receiving).
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aspects, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, VerifiedMailDomain } from '../src';
import { CurrentNodeRuntime } from './helpers/integ-runtime';

const zoneName = process.env.INTEG_ZONE_NAME ?? 'integ.example.com';
const hostedZoneId = process.env.INTEG_HOSTED_ZONE_ID ?? 'Z0000000000000INTEG';
const ruleSetName = 'cdk-verified-mail-domain-integ';

const app = new App();
const stack = new Stack(app, 'VerifiedMailDomainReceivingInteg');
const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId, zoneName });
const inbox = new s3.Bucket(stack, 'Inbox', {
  enforceSSL: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
});
new VerifiedMailDomain(stack, 'Mail', {
  hostedZone,
  inboundMail: InboundMail.ses({
    actions: [
      new actions.AddHeader({ name: 'X-Integ-Receiving', value: 'cdk-verified-mail-domain' }),
      ReceivingAction.s3({ bucket: inbox, objectKeyPrefix: 'inbox/' }),
      new actions.Stop(),
    ],
    ruleSet: ReceiptRuleSetChoice.create({ ruleSetName }),
    tlsPolicy: ses.TlsPolicy.REQUIRE,
  }),
});

const integ = new IntegTest(app, 'VerifiedMailDomainReceivingIntegTest', { testCases: [stack] });

// The activation custom resource made the set the account's active one.
integ.assertions
  .awsApiCall('SES', 'describeActiveReceiptRuleSet', {})
  .expect(ExpectedResult.objectLike({ Metadata: { Name: ruleSetName } }));

// The set holds the domain's rule, enabled, TLS required, for the domain.
integ.assertions
  .awsApiCall('SES', 'describeReceiptRuleSet', { RuleSetName: ruleSetName })
  .assertAtPath('Rules.0.TlsPolicy', ExpectedResult.stringLikeRegexp('^Require$'));

Aspects.of(app).add(new CurrentNodeRuntime());
