import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SendingEventDestination } from '../../src/guardrails/event-destination';

// SendingEventDestination directly: the factories' checks, what each renders for a set, and its key.

const SET = { name: 'guarded', arn: 'arn:aws:ses:eu-west-1:111111111111:configuration-set/guarded' };
const EVENTS = ['bounce', 'complaint'];
const PROP = 'SendingEventDestination.cloudWatchDimensions dimensions';

function stack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The event destination resource expected for SET and EVENTS with `target` (the destination's own property). */
function expected(target: object, dependsOn?: string[]): object {
  return {
    Type: 'AWS::SES::ConfigurationSetEventDestination',
    Properties: { ConfigurationSetName: 'guarded', EventDestination: { Enabled: true, MatchingEventTypes: EVENTS, ...target } },
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
  };
}

function rendered(s: Stack): unknown[] {
  return Object.values(Template.fromStack(s).findResources('AWS::SES::ConfigurationSetEventDestination'));
}

describe('factory checks', () => {
  test.each<[string, () => unknown, string]>([
    ['a topic that is undefined', () => SendingEventDestination.snsTopic(undefined as any), 'SendingEventDestination.snsTopic topic must be an sns.ITopic, got undefined'],
    ['a topic without topicArn', () => SendingEventDestination.snsTopic({ topicName: 't' } as any),
      'SendingEventDestination.snsTopic topic must be an sns.ITopic, got an object of class Object'],
    ['dimensions that are not a list', () => SendingEventDestination.cloudWatchDimensions({ name: 'n' } as any),
      `${PROP} must be a non-empty list of ses.CloudWatchDimension, got an object of class Object`],
    ['a dimension that is a string', () => SendingEventDestination.cloudWatchDimensions(['ses:from-domain' as any]),
      `${PROP}[0] must be an ses.CloudWatchDimension ({ source, name, defaultValue }), got string "ses:from-domain"`],
    ['a dimension that is an object of other keys', () => SendingEventDestination.cloudWatchDimensions([{ key: 'k' } as any]),
      `${PROP}[0] must be an ses.CloudWatchDimension ({ source, name, defaultValue }), got an object of class Object`],
    ['a dimension that is a list', () => SendingEventDestination.cloudWatchDimensions([['name'] as any]),
      `${PROP}[0] must be an ses.CloudWatchDimension ({ source, name, defaultValue }), got a list`],
    ['a second dimension without a name', () => SendingEventDestination.cloudWatchDimensions([
      { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 'a', defaultValue: 'b' },
      { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 7 as any, defaultValue: 'b' },
    ]), `${PROP}[1].name must be a string, got number 7`],
    ['a topic that is null', () => SendingEventDestination.snsTopic(null as any), 'SendingEventDestination.snsTopic topic must be an sns.ITopic, got null'],
    ['an empty list of dimensions', () => SendingEventDestination.cloudWatchDimensions([]),
      `${PROP} must be a non-empty list of ses.CloudWatchDimension, got a list`],
    ['a dimension that is null', () => SendingEventDestination.cloudWatchDimensions([null as any]),
      `${PROP}[0] must be an ses.CloudWatchDimension ({ source, name, defaultValue }), got null`],
    ['a dimension with only a name (shaped, then its default value is missing)', () => SendingEventDestination.cloudWatchDimensions([{ name: 'a' } as any]),
      `${PROP}[0].defaultValue must be a string, got undefined`],
    ['a dimension with only a source (shaped, then its name is missing)', () => SendingEventDestination.cloudWatchDimensions([{ source: 'messageTag' } as any]),
      `${PROP}[0].name must be a string, got undefined`],
    ['a dimension with only a default value (shaped, then its name is missing)', () => SendingEventDestination.cloudWatchDimensions([{ defaultValue: 'b' } as any]),
      `${PROP}[0].name must be a string, got undefined`],
    ['a second dimension whose default value is a number', () => SendingEventDestination.cloudWatchDimensions([
      { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 'a', defaultValue: 'b' },
      { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 'a', defaultValue: 0 as any },
    ]), `${PROP}[1].defaultValue must be a string, got number 0`],
    ['a second dimension of an unknown source', () => SendingEventDestination.cloudWatchDimensions([
      { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 'a', defaultValue: 'b' },
      { source: 'header' as any, name: 'a', defaultValue: 'b' },
    ]), `${PROP}[1].source must be one of ses.CloudWatchDimensionSource.EMAIL_HEADER ('emailHeader'), `
      + "ses.CloudWatchDimensionSource.LINK_TAG ('linkTag'), ses.CloudWatchDimensionSource.MESSAGE_TAG ('messageTag'), got 'header'"],
  ])('%s is refused', (_, make, message) => {
    expect(make).toThrow(new Error(message));
  });
});

describe('render and key', () => {
  test('the guardrail topic: the stack\'s topic, after its policy', () => {
    const s = stack();
    const destination = SendingEventDestination.guardrailTopic();
    const resource = destination._render(new Construct(s, 'Guard'), SET, EVENTS);
    expect(resource.node.path).toBe('Test/Guard/EventDestination');
    const topic = s.node.findChild('VerifiedMailDomainGuardrailTopic').node.findChild('Resource') as sns.Topic;
    expect(rendered(s)).toEqual([expected({ SnsDestination: { TopicARN: { Ref: s.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } } },
      [s.getLogicalId(topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy)])]);
    expect([destination._usesGuardrailTopic(), destination._key(s)]).toEqual([true, 'the guardrail topic of stack Test']);
  });

  test('the user\'s topic: its ARN, after the policy statement added to it', () => {
    const s = stack();
    const topic = new sns.Topic(s, 'Events');
    const destination = SendingEventDestination.snsTopic(topic);
    destination._render(new Construct(s, 'Guard'), SET, EVENTS);
    const topicId = s.getLogicalId(topic.node.defaultChild as sns.CfnTopic);
    expect(rendered(s)).toEqual([expected({ SnsDestination: { TopicARN: { Ref: topicId } } },
      [s.getLogicalId(topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy)])]);
    Template.fromStack(s).resourceCountIs('AWS::SNS::Topic', 1);
    expect([destination._usesGuardrailTopic(), destination._key(s)]).toEqual([false, 'SNS topic Test/Events']);
  });

  test('an imported topic: no dependency (no policy to wait for), keyed by its ARN', () => {
    const s = stack();
    const arn = 'arn:aws:sns:eu-west-1:111111111111:events';
    const destination = SendingEventDestination.snsTopic(sns.Topic.fromTopicArn(s, 'Events', arn));
    destination._render(new Construct(s, 'Guard'), SET, EVENTS);
    expect(rendered(s)).toEqual([expected({ SnsDestination: { TopicARN: arn } })]);
    expect(destination._key(s)).toBe(`SNS topic ${arn}`);
  });

  test('the default event bus of the stack\'s account and region', () => {
    const s = stack();
    const destination = SendingEventDestination.defaultEventBus();
    destination._render(new Construct(s, 'Guard'), SET, EVENTS);
    expect(rendered(s)).toEqual([expected({
      EventBridgeDestination: { EventBusArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:111111111111:event-bus/default']] } },
    })]);
    expect([destination._usesGuardrailTopic(), destination._key(s)]).toEqual([false, 'the default event bus']);
  });

  test('CloudWatch dimensions: one configuration per dimension, in order; keyed by them, tokens by their expression', () => {
    const s = stack();
    const name = new CfnParameter(s, 'DimensionName').valueAsString;
    const destination = SendingEventDestination.cloudWatchDimensions([
      { source: ses.CloudWatchDimensionSource.MESSAGE_TAG, name: 'campaign', defaultValue: 'none' },
      { source: ses.CloudWatchDimensionSource.EMAIL_HEADER, name, defaultValue: 'x' },
    ]);
    destination._render(new Construct(s, 'Guard'), SET, EVENTS);
    expect(rendered(s)).toEqual([expected({
      CloudWatchDestination: {
        DimensionConfigurations: [
          { DimensionValueSource: 'messageTag', DimensionName: 'campaign', DefaultDimensionValue: 'none' },
          { DimensionValueSource: 'emailHeader', DimensionName: { Ref: 'DimensionName' }, DefaultDimensionValue: 'x' },
        ],
      },
    })]);
    expect([destination._usesGuardrailTopic(), destination._key(s)]).toEqual([
      false, 'CloudWatch dimensions messageTag:campaign=none, emailHeader:{"Ref":"DimensionName"}=x',
    ]);
  });

  test('the dimensions are copied: changing the list afterwards changes nothing', () => {
    const dimensions: ses.CloudWatchDimension[] = [{ source: ses.CloudWatchDimensionSource.LINK_TAG, name: 'a', defaultValue: 'b' }];
    const destination = SendingEventDestination.cloudWatchDimensions(dimensions);
    (dimensions[0] as any).name = 'changed';
    dimensions.push({ source: ses.CloudWatchDimensionSource.LINK_TAG, name: 'c', defaultValue: 'd' });
    expect(destination._key(stack())).toBe('CloudWatch dimensions linkTag:a=b');
  });
});
