import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InboundMail, ReceiptRuleSetChoice, ReceivingAction, SesReceivingRegions, VerifiedMailDomain } from '../../src';
import { receivingStack } from '../helpers/receiving-fixtures';

// What SES needs of the bucket and the recipients (Object Lock, the bucket's region, S3's key length,
// the MAIL FROM domain), grants on storage made in another stack, and a rule set named by a parameter.

const REGIONS = `as of 2026-06-15: ${SesReceivingRegions.ALL.join(', ')}`;
const s3Rule = (bucket: (s: Stack) => s3.IBucket, objectKeyPrefix?: string) => (s: Stack) => ({
  actions: [ReceivingAction.s3({ bucket: bucket(s), objectKeyPrefix })], ruleSet: ReceiptRuleSetChoice.existing('inbox'),
});

test.each([
  ['s3.Bucket objectLockDefaultRetention', (s: Stack) => new s3.Bucket(s, 'Locked', { objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(30)) }),
    '{"days":30,"mode":"GOVERNANCE"}'],
  ['CfnBucket objectLockConfiguration.rule.defaultRetention', (s: Stack) => {
    const bucket = new s3.Bucket(s, 'Locked');
    (bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', years: 1 } } };
    return bucket;
  }, '{"mode":"COMPLIANCE","years":1}'],
])('a bucket with Object Lock and a default retention (%s) is refused', (_name, bucket, retention) => {
  expect(() => receivingStack(s3Rule(bucket))).toThrow(new Error(`ReceivingAction.s3 bucket Mail/Locked has Object Lock with a default retention (${retention}); `
    + 'SES does not support receipt rules that upload to such a bucket (SES developer guide, "Deliver to S3 bucket action"): use a bucket without a default retention, '
    + 'and set retention on the stored objects yourself'));
});

test('a bucket with Object Lock but no default retention is accepted', () => {
  receivingStack(s3Rule((s) => new s3.Bucket(s, 'Locked', { objectLockEnabled: true }))).template.resourceCountIs('AWS::SES::ReceiptRule', 1);
});

test.each([
  ['ap-south-2', false, `inboundMail receiving actions[0]: the bucket Mail/Far is in ap-south-2, which is not among the regions where SES receives mail (${REGIONS}); `
    + 'SES writes only to a bucket in such a region (SES developer guide, "Deliver to S3 bucket action"): use a bucket in one of them, '
    + 'or set allowUnlistedRegion: true if SES receives there now'],
  ['ap-south-2', true, ''],
  ['us-east-1', false, ''],
])('a bucket imported with region %s (allowUnlistedRegion %s)', (region, allowUnlistedRegion, message) => {
  const build = () => receivingStack((s) => ({
    actions: [ReceivingAction.s3({ bucket: s3.Bucket.fromBucketAttributes(s, 'Far', { bucketName: 'far-inbox', region }) })],
    ruleSet: ReceiptRuleSetChoice.existing('inbox'),
    allowUnlistedRegion,
  }));
  if (message) expect(build).toThrow(message);
  else build().template.resourceCountIs('AWS::SES::ReceiptRule', 1);
});

test.each([
  ['960 bytes of ASCII', 'a'.repeat(960), true],
  ['961 bytes of ASCII', 'a'.repeat(961), false],
  ['481 two-byte characters (962 bytes of UTF-8)', 'ä'.repeat(481), false],
])('objectKeyPrefix of %s: S3 keys are at most 1,024 bytes and 64 are kept for the message id', (_name, prefix, ok) => {
  const build = () => receivingStack(s3Rule((s) => new s3.Bucket(s, 'Inbox'), prefix));
  if (ok) {
    build().template.hasResourceProperties('AWS::SES::ReceiptRule', { Rule: { Actions: [{ S3Action: { ObjectKeyPrefix: prefix } }] } });
  } else {
    expect(build).toThrow(new Error(`ReceivingAction.s3 objectKeyPrefix is ${Buffer.byteLength(prefix)} bytes, got '${prefix.slice(0, 40)}...'; SES adds the message id (64 bytes kept for it) `
      + 'and S3 allows object keys of at most 1024 bytes (S3 user guide, "Naming Amazon S3 objects"): use a prefix of at most 960 bytes'));
  }
});

function mailFromDomain(recipients: string[], mailFromSubdomain?: string, customMailFrom?: boolean): Template {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    mailFromSubdomain,
    customMailFrom,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(new sns.Topic(stack, 'T'))], ruleSet: ReceiptRuleSetChoice.existing('inbox'), recipients }),
  });
  return Template.fromStack(stack);
}

test.each([
  [['bounce.example.org'], undefined, "recipients[0] 'bounce.example.org' is at the MAIL FROM domain bounce.example.org (mailFromSubdomain 'bounce')"],
  [['info@example.org', 'postmaster@bounce.example.org'], undefined,
    "recipients[1] 'postmaster@bounce.example.org' is at the MAIL FROM domain bounce.example.org (mailFromSubdomain 'bounce')"],
  [['abuse@Mail.Example.org.'], 'mail', "recipients[0] 'abuse@Mail.Example.org.' is at the MAIL FROM domain mail.example.org (mailFromSubdomain 'mail')"],
])('recipients %j at the MAIL FROM domain are refused: its MX is SES\'s feedback endpoint', (recipients, label, start) => {
  expect(() => mailFromDomain(recipients, label)).toThrow(new Error(`inboundMail receiving ${start}, whose MX is SES's feedback endpoint feedback-smtp.eu-west-1.amazonses.com: `
    + 'mail to it never reaches a receipt rule. Receive at another address, or choose another mailFromSubdomain'));
});

test.each([
  ['every subdomain, which still serves the others', ['.example.org'], undefined, undefined],
  ['a name below the MAIL FROM domain', ['x@a.bounce.example.org'], undefined, undefined],
  ['bounce.example.org when the MAIL FROM label is another', ['bounce.example.org'], 'mail', undefined],
  ['bounce.example.org without a custom MAIL FROM', ['bounce.example.org'], undefined, false],
])('recipients: %s, accepted', (_name, recipients, label, customMailFrom) => {
  mailFromDomain(recipients, label, customMailFrom).resourceCountIs('AWS::SES::ReceiptRule', 1);
});

test.each([
  ['an unnamed new set', () => ReceiptRuleSetChoice.create(), '*'],
  ['a named new set', () => ReceiptRuleSetChoice.create({ ruleSetName: 'inbound' }), 'inbound'],
  ['an existing set', () => ReceiptRuleSetChoice.existing('default-rule-set'), 'default-rule-set'],
])('a bucket, topic and key of a storage stack (%s): both stacks synthesize, the grants name the rule by strings', (_name, ruleSet, setName) => {
  const app = new App();
  const env = { account: '123456789012', region: 'eu-west-1' };
  const storage = new Stack(app, 'Storage', { env });
  const key = new kms.Key(storage, 'Key');
  const bucket = new s3.Bucket(storage, 'Inbox', { encryptionKey: key });
  const topic = new sns.Topic(storage, 'Topic', { masterKey: key });
  receivingStack(() => ({ actions: [ReceivingAction.s3({ bucket, objectKeyPrefix: 'mail/' }), ReceivingAction.sns(topic)], ruleSet: ruleSet() }), 'eu-west-1', app);
  const assembly = app.synth();
  expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['Mail', 'Storage']);
  const stackDependencies = (name: string) => assembly.getStackByName(name).dependencies.map((d) => d.id).filter((id) => !id.endsWith('.assets'));
  expect(stackDependencies('Mail')).toEqual(['Storage']);
  expect(stackDependencies('Storage')).toEqual([]);

  const condition = {
    StringEquals: { 'aws:SourceAccount': '123456789012' },
    ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ses:eu-west-1:123456789012:receipt-rule-set/${setName}:receipt-rule/Mail-140898A8`]] } },
  };
  const template = Template.fromStack(storage);
  expect(Object.values(template.findResources('AWS::S3::BucketPolicy')).map((p) => p.Properties.PolicyDocument.Statement)).toEqual([[{
    Sid: 'AllowSesReceiptRule',
    Effect: 'Allow',
    Principal: { Service: 'ses.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['InboxA8E05DC3', 'Arn'] }, '/mail/*']] },
    Condition: condition,
  }]]);
  expect(Object.values(template.findResources('AWS::SNS::TopicPolicy')).map((p) => p.Properties.PolicyDocument.Statement)).toEqual([[{
    Sid: '0', Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: 'TopicBFC7AF6E' }, Condition: condition,
  }]]);
  const keyStatements = Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement.slice(1);
  expect(keyStatements).toEqual([
    { Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: ['kms:Encrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: condition },
    { Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: condition },
  ]);
});

test('ReceiptRuleSetChoice.create({ ruleSetName: <a CfnParameter> }) given to two domains of a stack: one set they share', () => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const name = new CfnParameter(stack, 'RuleSetName');
  const ruleSet = ReceiptRuleSetChoice.create({ ruleSetName: name.valueAsString });
  for (const domain of ['example.org', 'example.net']) {
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, `Zone-${domain}`, { hostedZoneId: 'Z1', zoneName: domain });
    new VerifiedMailDomain(stack, domain, { hostedZone: zone, inboundMail: InboundMail.ses({ actions: [ReceivingAction.sns(new sns.Topic(stack, `T-${domain}`))], ruleSet }) });
  }
  const template = Template.fromStack(stack);
  const sets = template.findResources('AWS::SES::ReceiptRuleSet');
  expect(Object.values(sets).map((s) => s.Properties)).toEqual([{ RuleSetName: { Ref: 'RuleSetName' } }]);
  const setRef = { Ref: Object.keys(sets)[0] };
  expect(Object.values(template.findResources('AWS::SES::ReceiptRule')).map((r) => r.Properties.RuleSetName)).toEqual([setRef, setRef]);
  template.resourceCountIs('Custom::SesActiveReceiptRuleSet', 1);
});

test.each([
  [false, "inboundMail receiving actions[0]: the bucket Storage/Inbox is made in stack Storage in us-east-1, and this domain's stack Mail is in eu-west-1: "
    + "CloudFormation passes no references between regions. Import it in this stack (s3.Bucket.fromBucketAttributes(this, 'Inbox', "
    + "{ bucketName, region: 'us-east-1' })) and add SES's grant in its own stack, or set crossRegionReferences: true on this stack"],
  [true, ''],
])('a bucket of a storage stack in another region (crossRegionReferences %s)', (crossRegionReferences, message) => {
  const app = new App();
  const storage = new Stack(app, 'Storage', { env: { account: '123456789012', region: 'us-east-1' }, crossRegionReferences });
  const bucket = new s3.Bucket(storage, 'Inbox');
  const mail = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' }, crossRegionReferences });
  const zone = route53.HostedZone.fromHostedZoneAttributes(mail, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  const build = () => new VerifiedMailDomain(mail, 'Mail', {
    hostedZone: zone, inboundMail: InboundMail.ses({ actions: [ReceivingAction.s3({ bucket })], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
  });
  if (message) {
    expect(build).toThrow(message);
  } else {
    build();
    expect(Template.fromStack(mail).findResources('AWS::SES::ReceiptRule')).not.toEqual({});
  }
});

test.each<[string, (storage: Stack) => ReceivingAction, string]>([
  ['bucket', (storage) => ReceivingAction.s3({ bucket: new s3.Bucket(storage, 'Inbox') }),
    "bucket Storage/Inbox is made in stack Storage of account 999999999999, and this domain's stack Mail is in account 123456789012: CloudFormation passes "
    + "no references between accounts. Import it in this stack (s3.Bucket.fromBucketAttributes(this, 'Inbox', { bucketName, region: 'eu-west-1' })) "
    + 'and let SES use it with a policy in its own account'],
  ['topic', (storage) => ReceivingAction.sns(new sns.Topic(storage, 'Events')),
    "topic Storage/Events is made in stack Storage of account 999999999999, and this domain's stack Mail is in account 123456789012: CloudFormation passes "
    + "no references between accounts. Import it in this stack (sns.Topic.fromTopicArn(this, 'Topic', topicArn)) and let SES use it with a policy in its own account"],
  ['KMS key', (storage) => ReceivingAction.s3({ bucket: s3.Bucket.fromBucketName(storage.node.root.node.findChild('Mail') as Stack, 'Local', 'local-inbox'), kmsKey: new kms.Key(storage, 'Key') }),
    "KMS key Storage/Key is made in stack Storage of account 999999999999, and this domain's stack Mail is in account 123456789012: CloudFormation passes "
    + "no references between accounts. Import it in this stack (kms.Key.fromKeyArn(this, 'Key', keyArn)) and let SES use it with a policy in its own account"],
])('a %s made in a stack of another account: the construct\'s message, not aws-cdk-lib\'s cross-environment error', (_what, action, message) => {
  const app = new App();
  const mail = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
  const storage = new Stack(app, 'Storage', { env: { account: '999999999999', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(mail, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
  expect(() => new VerifiedMailDomain(mail, 'Mail', {
    hostedZone: zone, inboundMail: InboundMail.ses({ actions: [action(storage)], ruleSet: ReceiptRuleSetChoice.existing('inbox') }),
  })).toThrow(new Error(`inboundMail receiving actions[0]: the ${message}`));
});
