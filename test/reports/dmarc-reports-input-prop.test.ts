// Bad dmarcReports input: each fails at synth with a message naming the prop, the value and what is allowed.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { Dmarc, DmarcReports, InboundMail, ReceiptRuleSetChoice, VerifiedMailDomain, VerifiedMailDomainProps } from '../../src';
import { synthError, zoneStack } from '../helpers/util';

/** A domain in a stack of `region` with `props`; throws what the construct throws. */
function domain(props: VerifiedMailDomainProps, region = 'eu-west-1'): void {
  const { stack, zone } = zoneStack('example.org', region);
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, ...props });
}

const REGIONS = 'us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, sa-east-1, eu-central-1, eu-north-1, eu-south-1, eu-west-1, eu-west-2, '
  + 'eu-west-3, af-south-1, il-central-1, me-south-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3';

test.each<[string, () => void, string]>([
  ['dmarc: Dmarc.none()', () => domain({ dmarc: Dmarc.none(), dmarcReports: DmarcReports.receive() }),
    'dmarcReports receives reports at dmarc@dmarc-reports.example.org, which only a DMARC record can name, and dmarc is Dmarc.none(): '
    + 'use Dmarc.publish(...) (the policy stays yours to choose), or leave dmarcReports out'],
  ['expiration with a bucket of the user\'s', () => DmarcReports.receive({ bucket: new s3.Bucket(new Stack(), 'Reports'), expiration: Duration.days(3) }),
    'dmarcReports expiration applies only to the bucket the construct makes, and bucket is given (Default/Reports): '
    + 'set the expiry in that bucket\'s own lifecycle rules, or leave bucket out'],
  ['expiration not in whole days', () => domain({ dmarcReports: DmarcReports.receive({ expiration: Duration.hours(36) }) }),
    'dmarcReports expiration must be a whole number of days, at least one (S3 lifecycle expiration), got 1 day 12 hours'],
  ['expiration below a day', () => domain({ dmarcReports: DmarcReports.receive({ expiration: Duration.hours(2) }) }),
    'dmarcReports expiration must be a whole number of days, at least one (S3 lifecycle expiration), got 2 hours'],
  ['expiration not a Duration', () => DmarcReports.receive({ expiration: 30 as any }),
    'dmarcReports expiration must be a Duration (e.g. Duration.minutes(30)), got number 30'],
  ['a subdomain with a dot', () => DmarcReports.receive({ subdomain: 'dmarc.reports' }),
    "dmarcReports subdomain must be a single DNS label without dots (e.g. 'bounce'), got 'dmarc.reports'"],
  ['the subdomain of the MAIL FROM domain', () => domain({ dmarcReports: DmarcReports.receive({ subdomain: 'Bounce' }) }),
    "dmarcReports subdomain 'bounce' is the MAIL FROM domain bounce.example.org, whose MX is SES's feedback endpoint, which takes bounces only: "
    + 'reports sent there are lost. Choose another subdomain, or another mailFromSubdomain'],
  ['a region where SES does not receive', () => domain({ dmarcReports: DmarcReports.receive() }, 'ap-south-2'),
    'dmarcReports is DmarcReports.receive(), whose MX dmarc-reports.example.org -> inbound-smtp.ap-south-2.amazonaws.com and receipt rule work only if SES receives mail in '
    + `ap-south-2, which is not among the regions where SES receives mail (as of 2026-06-15: ${REGIONS}); receive the reports in a stack of one of them `
    + '(a VerifiedMailDomain there with dmarcReports), or name an address of your own in dmarc aggregateReportAddresses, or set dmarcReports allowUnlistedRegion: true if SES receives there now'],
  ['a bucket in a region where SES does not receive', () => {
    const other = new Stack(new App(), 'Other', { env: { account: '123456789012', region: 'ap-south-2' } });
    domain({ dmarcReports: DmarcReports.receive({ bucket: s3.Bucket.fromBucketAttributes(other, 'Reports', { bucketName: 'reports-bucket', region: 'ap-south-2' }) }) });
  }, `dmarcReports bucket: the bucket Other/Reports is in ap-south-2, which is not among the regions where SES receives mail (as of 2026-06-15: ${REGIONS}); `
    + 'SES writes only to a bucket in such a region (SES developer guide, "Deliver to S3 bucket action"): use a bucket in one of them, or set allowUnlistedRegion: true if SES receives there now'],
  ['an object key prefix too long for S3', () => domain({ dmarcReports: DmarcReports.receive({ objectKeyPrefix: 'r'.repeat(961) }) }),
    `dmarcReports objectKeyPrefix is 961 bytes, got '${'r'.repeat(40)}...'; SES adds the message id (64 bytes kept for it) and S3 allows object keys `
    + 'of at most 1024 bytes (S3 user guide, "Naming Amazon S3 objects"): use a prefix of at most 960 bytes'],
  ['a misspelt option', () => DmarcReports.receive({ bukcet: 1 } as any),
    "DmarcReports.receive has no option 'bukcet': did you mean 'bucket'? Options: subdomain, bucket, objectKeyPrefix, expiration, ruleSet, failureReports, allowUnlistedRegion"],
  ['options that are not an object', () => DmarcReports.receive('dmarc' as any),
    'DmarcReports.receive options must be an object of DmarcReportsOptions ({ bucket?, expiration?, ruleSet?, ... }), got string "dmarc"'],
  ['a rule set that is a name', () => DmarcReports.receive({ ruleSet: 'inbound' as any }),
    'dmarcReports ruleSet must be ReceiptRuleSetChoice.fromReceiptRuleSet(ruleSet) or ReceiptRuleSetChoice.create(), got string "inbound"'],
  ['a bucket that is a name', () => DmarcReports.receive({ bucket: 'reports-bucket' as any }),
    "dmarcReports bucket must be an s3.IBucket (new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Reports', name)), got string \"reports-bucket\""],
  ['a construct that is not a bucket', () => { const stack = new Stack(); DmarcReports.receive({ bucket: new Construct(stack, 'NotABucket') as any }); },
    "dmarcReports bucket must be an s3.IBucket (new s3.Bucket(...) or s3.Bucket.fromBucketName(this, 'Reports', name)), got an object of class Construct"],
  ['a subdomain that is not a string', () => DmarcReports.receive({ subdomain: 5 as any }),
    "dmarcReports subdomain must be a string such as 'dmarc-reports', got number 5"],
  ['allowUnlistedRegion not a boolean', () => DmarcReports.receive({ allowUnlistedRegion: 'yes' as any }),
    'dmarcReports allowUnlistedRegion must be true or false, got string "yes"'],
  ['failureReports not a boolean', () => DmarcReports.receive({ failureReports: 'yes' as any }),
    'dmarcReports failureReports must be true or false, got string "yes"'],
  ['a plain object for dmarcReports', () => domain({ dmarcReports: {} as any }),
    'dmarcReports must be DmarcReports.receive(...) or DmarcReports.sharedWith(mailbox), got an object of class Object'],
  ['dmarcReports on a second region', () => {
    const app = new App();
    const first = new Stack(app, 'First', { env: { account: '123456789012', region: 'eu-west-1' } });
    const second = new Stack(app, 'Second', { env: { account: '123456789012', region: 'us-east-1' } });
    const primary = new VerifiedMailDomain(first, 'Mail', { domainName: 'example.org' });
    new VerifiedMailDomain(second, 'Mail', { domainName: 'example.org', primary, dmarcReports: DmarcReports.receive() });
  }, 'dmarcReports must not be set with primary: First/Mail publishes the SPF, DMARC and inbound MX of example.org once for every region; set them there'],
  ['no ruleSet while the domain\'s MX is SES\'s with rules of the user\'s', () => domain({ inboundMail: InboundMail.ses(), dmarcReports: DmarcReports.receive() }),
    'dmarcReports has no ruleSet, and inboundMail is InboundMail.ses(), whose receipt rules are yours: a rule set of yours is active in this account and region, '
    + 'and a new one the stack activated would be refused at deploy. Give dmarcReports ruleSet: '
    + "ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '<your active rule set>'))"],
  ['no ruleSet with InboundMail.sesEndpoint()', () => domain({ inboundMail: InboundMail.sesEndpoint(), dmarcReports: DmarcReports.receive() }),
    'dmarcReports has no ruleSet, and inboundMail is InboundMail.sesEndpoint(), whose receipt rules are yours: a rule set of yours is active in this account and region, '
    + 'and a new one the stack activated would be refused at deploy. Give dmarcReports ruleSet: '
    + "ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '<your active rule set>'))"],
  ['one unnamed new rule set for two domains', () => {
    const { stack, zone } = zoneStack();
    const ruleSet = ReceiptRuleSetChoice.create();
    new VerifiedMailDomain(stack, 'A', { hostedZone: zone, domainName: 'a.example.org', dmarcReports: DmarcReports.receive({ ruleSet }) });
    new VerifiedMailDomain(stack, 'B', { hostedZone: zone, domainName: 'b.example.org', dmarcReports: DmarcReports.receive({ ruleSet }) });
  }, 'ReceiptRuleSetChoice.create() without a ruleSetName is given to Test/B/DmarcReports after Test/A/DmarcReports in stack Test: '
    + 'give it a ruleSetName to share it, so that the set stays put whichever domain uses it first'],
])('%s', (_case, build, message) => {
  expect(build).toThrow(new Error(message));
});

test('allowUnlistedRegion lets a region newer than the list receive the reports', () => {
  expect(() => domain({ dmarcReports: DmarcReports.receive({ allowUnlistedRegion: true }) }, 'ap-south-2')).not.toThrow();
});

test('two domains of a stack whose reports each make their own rule set: the app-wide error says how to share one', () => {
  const { stack, zone } = zoneStack();
  const app = stack.node.root as App;
  new VerifiedMailDomain(stack, 'A', { hostedZone: zone, domainName: 'a.example.org', dmarcReports: DmarcReports.receive() });
  new VerifiedMailDomain(stack, 'B', { hostedZone: zone, domainName: 'b.example.org', dmarcReports: DmarcReports.receive() });
  const error = synthError(app);
  expect(error).toContain('Receipt rule sets would be activated 2 times in account 123456789012 in eu-west-1 '
    + '(Test/A/DmarcReports/ReceiptRuleSetActivation, Test/B/DmarcReports/ReceiptRuleSetActivation)');
  expect(error).toContain("ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', ruleSetName)); for dmarcReports, "
    + 'give DmarcReports.receive({ ruleSet }) that set too, or let one domain receive the reports for all with DmarcReports.sharedWith(mailbox)');
});
