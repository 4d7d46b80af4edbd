import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowSesPublish, GUARDRAIL_TOPIC_ID, GuardrailTopic, guardrailTopic, topicKey } from '../../src/guardrails/topic';

// topic.ts directly: one guardrail topic per stack, SES's publish grants, topic keys.

const ARN_A = 'arn:aws:ses:eu-west-1:111111111111:configuration-set/a';
const ARN_B = 'arn:aws:ses:eu-west-1:111111111111:configuration-set/b';

function stack(app = new App(), id = 'Test'): Stack {
  return new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

function statements(s: Stack, type: string, sid: string): unknown[] {
  const key = type === 'AWS::KMS::Key' ? 'KeyPolicy' : 'PolicyDocument';
  return Object.values(Template.fromStack(s).findResources(type))
    .flatMap((r) => r.Properties[key].Statement).filter((st: any) => st.Sid === sid);
}

/** An ARN in the stack's partition. */
const ARN = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

/** A statement denying `action` to everyone under `condition`. */
const deny = (sid: string, action: string, resource: unknown, condition: object) =>
  ({ Sid: sid, Effect: 'Deny', Principal: { AWS: '*' }, Action: action, Resource: resource, Condition: condition });

const SES_CONDITION = (arns: string[]) => ({ StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': arns } });

describe('guardrailTopic', () => {
  test('one per stack, at the top of the stack, whichever construct asks first', () => {
    const app = new App();
    const [a, b] = [stack(app, 'A'), stack(app, 'B')];
    const first = guardrailTopic(new Construct(new Construct(a, 'Deep'), 'Deeper'));
    expect(guardrailTopic(a)).toBe(first);
    expect(guardrailTopic(new Construct(a, 'Other'))).toBe(first);
    expect(first.node.path).toBe(`A/${GUARDRAIL_TOPIC_ID}`);
    expect(GUARDRAIL_TOPIC_ID).toBe('VerifiedMailDomainGuardrailTopic');
    const second = guardrailTopic(b);
    expect(second).not.toBe(first);
    expect(second.node.path).toBe('B/VerifiedMailDomainGuardrailTopic');
    for (const s of [a, b]) {
      Template.fromStack(s).resourceCountIs('AWS::SNS::Topic', 1);
      Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 1);
    }
  });

  test('the topic is the construct\'s Resource and is encrypted with its key', () => {
    const s = stack();
    const guardrail = guardrailTopic(s);
    expect(guardrail).toBeInstanceOf(GuardrailTopic);
    expect(guardrail.topic.node.path).toBe('Test/VerifiedMailDomainGuardrailTopic/Resource');
    expect(guardrail.key.node.path).toBe('Test/VerifiedMailDomainGuardrailTopic/Key');
    expect(s.resolve((guardrail.topic.node.defaultChild as sns.CfnTopic).kmsMasterKeyId)).toEqual(s.resolve(guardrail.key.keyArn));
  });
  test('its key, topic and topic policy: rotation, TLS only, grants only for AWS services, CloudWatch alarms of the account', () => {
    const s = stack();
    const guardrail = guardrailTopic(s);
    const [keyId, topicId] = [guardrail.key, guardrail.topic].map((c) => s.getLogicalId(c.node.defaultChild as CfnElement));
    const topicRef = { Ref: topicId };
    const alarms = { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': ARN(':cloudwatch:eu-west-1:111111111111:alarm:*') } };
    const cloudwatch = { Service: 'cloudwatch.amazonaws.com' };
    const resources = Template.fromStack(s).toJSON().Resources;
    expect(Object.keys(resources)).toHaveLength(3);
    expect(resources[keyId]).toEqual({
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: 'Encrypts the SES deliverability guardrail topic of VerifiedMailDomain (SES events and reputation alarms)',
        EnableKeyRotation: true,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Action: 'kms:*', Effect: 'Allow', Principal: { AWS: ARN(':iam::111111111111:root') }, Resource: '*' },
            deny('DenyGrantsExceptForAwsServices', 'kms:CreateGrant', '*', { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } }),
            { Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: cloudwatch, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', Condition: alarms },
          ],
        },
      },
      UpdateReplacePolicy: 'Delete',
      DeletionPolicy: 'Delete',
    });
    expect(resources[topicId]).toEqual({
      Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'SES deliverability guardrails', KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    expect(Object.values(resources).filter((r: any) => r.Type === 'AWS::SNS::TopicPolicy')).toEqual([{
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [topicRef],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            deny('AllowPublishThroughSSLOnly', 'sns:Publish', topicRef, { Bool: { 'aws:SecureTransport': 'false' } }),
            { Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: cloudwatch, Action: 'sns:Publish', Resource: topicRef, Condition: alarms },
          ],
        },
      },
    }]);
  });
});

describe('allowSesPublish', () => {
  test('the guardrail topic: one statement in the topic policy and one in the key policy, listing every set', () => {
    const s = stack();
    const { topic } = guardrailTopic(s);
    const first = allowSesPublish(s, topic, { arn: ARN_A });
    const second = allowSesPublish(s, topic, { arn: ARN_B });
    expect(first).toBeDefined();
    expect(second).toBe(first);
    const topicRef = s.resolve(topic.topicArn);
    expect(statements(s, 'AWS::SNS::TopicPolicy', 'AllowSesEventPublishing')).toEqual([{
      Sid: 'AllowSesEventPublishing',
      Effect: 'Allow',
      Principal: { Service: 'ses.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicRef,
      Condition: SES_CONDITION([ARN_A, ARN_B]),
    }]);
    expect(statements(s, 'AWS::KMS::Key', 'AllowSesEventPublishing')).toEqual([{
      Sid: 'AllowSesEventPublishing',
      Effect: 'Allow',
      Principal: { Service: 'ses.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: SES_CONDITION([ARN_A, ARN_B]),
    }]);
  });

  test('a user\'s topic: the topic statement only (its key is the user\'s), and no warning', () => {
    const s = stack();
    const topic = new sns.Topic(s, 'Events');
    expect(allowSesPublish(s, topic, { arn: ARN_A })).toBeDefined();
    expect(statements(s, 'AWS::SNS::TopicPolicy', 'AllowSesEventPublishing')).toHaveLength(1);
    Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 0);
    expect(Annotations.fromStack(s).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('two topics each get their own statement with their own sets', () => {
    const s = stack();
    const [one, two] = [new sns.Topic(s, 'One'), new sns.Topic(s, 'Two')];
    allowSesPublish(s, one, { arn: ARN_A });
    allowSesPublish(s, two, { arn: ARN_B });
    expect(statements(s, 'AWS::SNS::TopicPolicy', 'AllowSesEventPublishing').map((st: any) => st.Condition.ArnLike['aws:SourceArn'])).toEqual([[ARN_A], [ARN_B]]);
  });

  test('an imported topic: nothing to wait for, and the warning once per topic', () => {
    const s = stack();
    const topic = sns.Topic.fromTopicArn(s, 'Imported', 'arn:aws:sns:eu-west-1:111111111111:events');
    const scope = new Construct(s, 'Guard');
    expect(allowSesPublish(scope, topic, { arn: ARN_A })).toBeUndefined();
    expect(allowSesPublish(scope, topic, { arn: ARN_B })).toBeUndefined();
    expect(Annotations.fromStack(s).findWarning('*', Match.anyValue()).map((w) => [w.id, w.entry.data])).toEqual([['/Test/Guard',
      'The SNS topic Test/Imported is imported, so its policy cannot be changed: SES publishes the sending events only if the topic\'s policy '
      + 'allows ses.amazonaws.com sns:Publish (and, for a topic encrypted with a customer managed key, the key allows it kms:GenerateDataKey* and kms:Decrypt) '
      + '[ack: cdk-verified-mail-domain:eventTopicPolicy]']]);
  });
});

describe('topicKey', () => {
  test('an imported topic by its literal ARN, a topic of the app by its path', () => {
    const s = stack();
    expect(topicKey(sns.Topic.fromTopicArn(s, 'Imported', 'arn:aws:sns:eu-west-1:111111111111:events'))).toBe('arn:aws:sns:eu-west-1:111111111111:events');
    expect(topicKey(new sns.Topic(s, 'Mine'))).toBe('Test/Mine');
  });
});
