// src/reports/reports-receiving.ts directly: the bucket it makes (or takes), its acknowledgements, and the rule.
import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { ReceiptRuleSetChoice } from '../../src/receiving/rule-sets';
import { receiveReports, ReportsReceiving } from '../../src/reports/reports-receiving';

function receive(options: Partial<ReportsReceiving> = {}): { stack: Stack; scope: Construct } {
  const stack = new Stack(new App(), 'Direct', { env: { account: '123456789012', region: 'eu-west-1' } });
  const scope = new Construct(stack, 'Mail');
  const ruleSet = ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Set', 'inbound'));
  receiveReports(scope, { domainName: 'dmarc-reports.example.org', region: 'eu-west-1' }, 'dmarc@dmarc-reports.example.org',
    { objectKeyPrefix: 'dmarc/', expiration: Duration.days(400), ruleSet, ...options }, []);
  return { stack, scope };
}
const ofType = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).toJSON().Resources).filter((r) => r.Type === type);

test('a new bucket under <scope>/DmarcReports/Bucket, with the lifecycle and its acknowledgements for cdk-nag 2', () => {
  const { stack, scope } = receive({ expiration: Duration.days(90) });
  const bucket = scope.node.findChild('DmarcReports').node.findChild('Bucket') as s3.Bucket;
  expect(bucket).toBeInstanceOf(s3.Bucket);
  const [cfn] = ofType(stack, 'AWS::S3::Bucket');
  expect(cfn.Properties.LifecycleConfiguration).toEqual({ Rules: [{ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, ExpirationInDays: 90, Status: 'Enabled' }] });
  expect(cfn.Metadata.cdk_nag.rules_to_suppress.map((r: any) => r.id)).toEqual(['AwsSolutions-S1']);
  expect(cfn.Metadata.cdk_nag.rules_to_suppress[0].reason).toMatch(/^The DMARC reports bucket holds only what SES delivers/);
});

test('the rule: the one address, the prefix, the set given, and a grant for it', () => {
  const { stack } = receive({ objectKeyPrefix: 'r/' });
  const [rule] = ofType(stack, 'AWS::SES::ReceiptRule');
  expect(rule.Properties.RuleSetName).toBe('inbound');
  expect(rule.Properties.Rule.Recipients).toEqual(['dmarc@dmarc-reports.example.org']);
  expect(rule.Properties.Rule.Actions).toEqual([{ S3Action: { BucketName: { Ref: expect.stringMatching(/^MailDmarcReportsBucket/) }, ObjectKeyPrefix: 'r/' } }]);
  const [policy] = ofType(stack, 'AWS::S3::BucketPolicy');
  expect(policy.Properties.PolicyDocument.Statement[1].Resource['Fn::Join'][1][1]).toBe('/r/*');
});

test('a bucket given is used as it is: no bucket made, its lifecycle untouched', () => {
  const stack = new Stack(new App(), 'Given', { env: { account: '123456789012', region: 'eu-west-1' } });
  const bucket = new s3.Bucket(stack, 'Mine');
  const ruleSet = ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Set', 'inbound'));
  receiveReports(new Construct(stack, 'Mail'), { domainName: 'dmarc-reports.example.org', region: 'eu-west-1' }, 'dmarc@dmarc-reports.example.org',
    { bucket, objectKeyPrefix: '', expiration: Duration.days(400), ruleSet }, []);
  const buckets = ofType(stack, 'AWS::S3::Bucket');
  expect(buckets).toHaveLength(1);
  expect(buckets[0].Properties).toBeUndefined();
  expect(ofType(stack, 'AWS::SES::ReceiptRule')[0].Properties.Rule.Actions).toEqual([{ S3Action: { BucketName: { Ref: expect.stringMatching(/^Mine/) } } }]);
});

test.each([
  [Duration.hours(12), '12 hours'],
  [Duration.hours(30), '1 day 6 hours'],
])('an expiration of %s is refused', (expiration, shown) => {
  expect(() => receive({ expiration })).toThrow(new Error(`dmarcReports expiration must be a whole number of days, at least one (S3 lifecycle expiration), got ${shown}`));
});

test('one day is the shortest expiration', () => {
  const { stack } = receive({ expiration: Duration.days(1) });
  expect(ofType(stack, 'AWS::S3::Bucket')[0].Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(1);
});

test('zero days is refused; a token amount in days passes to the lifecycle rule; one in another unit is refused', () => {
  expect(() => receive({ expiration: Duration.days(0) }))
    .toThrow(new Error('dmarcReports expiration must be a whole number of days, at least one (S3 lifecycle expiration), got 0 days'));
  const days = Token.asNumber({ Ref: 'Days' });
  const { stack } = receive({ expiration: Duration.days(days) });
  expect(ofType(stack, 'AWS::S3::Bucket')[0].Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toEqual({ Ref: 'Days' });
  expect(() => receive({ expiration: Duration.minutes(days) })).toThrow(new Error(
    'dmarcReports expiration must be a whole number of days; one whose amount is a token must be given in days (Duration.days(token)), got Duration.minutes(<token>)'));
});

test('a bucket of the user\'s with a default Object Lock retention is refused, naming dmarcReports bucket', () => {
  const stack = new Stack(new App(), 'Locked', { env: { account: '123456789012', region: 'eu-west-1' } });
  const bucket = new s3.Bucket(stack, 'Locked', { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(30)) });
  const ruleSet = ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Set', 'inbound'));
  expect(() => receiveReports(new Construct(stack, 'Mail'), { domainName: 'dmarc-reports.example.org', region: 'eu-west-1' }, 'dmarc@dmarc-reports.example.org',
    { bucket, objectKeyPrefix: '', expiration: Duration.days(400), ruleSet }, [])).toThrow(new Error(
    'dmarcReports bucket Locked/Locked has Object Lock with a default retention ({"days":30,"mode":"GOVERNANCE"}); SES does not support receipt rules that '
    + 'upload to such a bucket (SES developer guide, "Deliver to S3 bucket action"): use a bucket without a default retention, and set retention on the stored objects yourself'));
});

test('an expiration that is not a Duration is refused, naming dmarcReports expiration', () => {
  expect(() => receive({ expiration: 30 as any })).toThrow(new Error('dmarcReports expiration must be a Duration (e.g. Duration.minutes(30)), got number 30'));
});
