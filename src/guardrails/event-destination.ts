import { Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IDependable } from 'constructs';
import { checkKind, checkOneOf, enumValues } from '../validation';
import { GuardedSet } from './model';
import { allowSesPublish, guardrailTopic, topicKey } from './topic';

/**
 * Where SES publishes the sending events of the guarded configuration set (bounces, complaints, rejects,
 * delivery delays, rendering failures, and any others chosen).
 */
export abstract class SendingEventDestination {
  /**
   * The stack's guardrail topic: one SNS topic per stack, created by the construct, encrypted with its own
   * KMS key (rotated yearly), accepting only TLS, which SES may publish to for this app's configuration
   * sets only. Subscribe to it (`VerifiedMailDomain.deliverabilityTopic`) to read the events.
   */
  public static guardrailTopic(): SendingEventDestination {
    return new TopicDestination(undefined);
  }

  /**
   * Your SNS topic. The construct adds a statement to its policy that lets SES publish for the guarded
   * configuration sets; a topic imported by ARN keeps its policy, so allow SES there yourself, and if the
   * topic is encrypted with a customer managed key, let `ses.amazonaws.com` use it.
   */
  public static snsTopic(topic: sns.ITopic): SendingEventDestination {
    checkKind('SendingEventDestination.snsTopic topic', topic, isTopic(topic), 'an sns.ITopic');
    return new TopicDestination(topic);
  }

  /**
   * The account's default EventBridge event bus of the stack's region: SES supports only the default bus
   * (CloudFormation `EventBridgeDestination.EventBusArn`: "Only the default bus is supported").
   */
  public static defaultEventBus(): SendingEventDestination {
    return new EventBusDestination();
  }

  /**
   * CloudWatch metrics of the events, by the given dimensions (aws-cdk-lib's `ses.CloudWatchDimension`).
   */
  public static cloudWatchDimensions(dimensions: ses.CloudWatchDimension[]): SendingEventDestination {
    const prop = 'SendingEventDestination.cloudWatchDimensions dimensions';
    checkKind(prop, dimensions, Array.isArray(dimensions) && dimensions.length > 0, 'a non-empty list of ses.CloudWatchDimension');
    dimensions.forEach((d, i) => {
      const shaped = typeof d === 'object' && d !== null && !Array.isArray(d) && ['name', 'source', 'defaultValue'].some((k) => k in d);
      checkKind(`${prop}[${i}]`, d, shaped, 'an ses.CloudWatchDimension ({ source, name, defaultValue })');
      checkKind(`${prop}[${i}].name`, d.name, typeof d.name === 'string', 'a string');
      checkKind(`${prop}[${i}].defaultValue`, d.defaultValue, typeof d.defaultValue === 'string', 'a string');
      checkOneOf(`${prop}[${i}].source`, d.source, enumValues('ses.CloudWatchDimensionSource', ses.CloudWatchDimensionSource));
    });
    return new DimensionsDestination(dimensions.map((d) => ({ ...d })));
  }

  /**
   * Adds the event destination to the set. Internal.
   * @internal
   */
  public abstract _render(scope: Construct, set: GuardedSet, events: string[]): ses.CfnConfigurationSetEventDestination;

  /**
   * What the destination is, to compare two guards of one configuration set. Internal.
   * @internal
   */
  public abstract _key(scope: Construct): string;

  /**
   * Whether the events go to the stack's guardrail topic. Internal.
   * @internal
   */
  public _usesGuardrailTopic(): boolean {
    return false;
  }
}

function isTopic(value: unknown): value is sns.ITopic {
  return typeof value === 'object' && value !== null && typeof (value as sns.ITopic).topicArn === 'string';
}

function destination(scope: Construct, set: GuardedSet, events: string[], target: object): ses.CfnConfigurationSetEventDestination {
  return new ses.CfnConfigurationSetEventDestination(scope, 'EventDestination', {
    configurationSetName: set.name,
    eventDestination: { enabled: true, matchingEventTypes: events, ...target },
  });
}

class TopicDestination extends SendingEventDestination {
  constructor(private readonly topic: sns.ITopic | undefined) {
    super();
  }

  public _render(scope: Construct, set: GuardedSet, events: string[]): ses.CfnConfigurationSetEventDestination {
    const topic = this.topic ?? guardrailTopic(scope).topic;
    const policy: IDependable | undefined = allowSesPublish(scope, topic, set);
    const resource = destination(scope, set, events, { snsDestination: { topicArn: topic.topicArn } });
    // SES checks that it may publish when the destination is created.
    if (policy) resource.node.addDependency(policy);
    return resource;
  }

  public _usesGuardrailTopic(): boolean {
    return this.topic === undefined;
  }

  public _key(scope: Construct): string {
    return this.topic ? `SNS topic ${topicKey(this.topic)}` : `the guardrail topic of stack ${Stack.of(scope).node.path}`;
  }
}

class EventBusDestination extends SendingEventDestination {
  public _render(scope: Construct, set: GuardedSet, events: string[]): ses.CfnConfigurationSetEventDestination {
    const stack = Stack.of(scope);
    const resource = destination(scope, set, events, {});
    // aws-cdk-lib 2.93 (the peer floor) has neither ses.EventDestination.eventBus nor the L1's
    // eventBridgeDestination; CloudFormation has the property, so it is written the same on every line.
    resource.addPropertyOverride('EventDestination.EventBridgeDestination', {
      EventBusArn: stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
    });
    return resource;
  }

  public _key(): string {
    return 'the default event bus';
  }
}

class DimensionsDestination extends SendingEventDestination {
  constructor(private readonly dimensions: ses.CloudWatchDimension[]) {
    super();
  }

  public _render(scope: Construct, set: GuardedSet, events: string[]): ses.CfnConfigurationSetEventDestination {
    return destination(scope, set, events, {
      cloudWatchDestination: {
        dimensionConfigurations: this.dimensions.map((d) => ({
          dimensionValueSource: d.source, dimensionName: d.name, defaultDimensionValue: d.defaultValue,
        })),
      },
    });
  }

  public _key(scope: Construct): string {
    const stack = Stack.of(scope);
    const text = (v: string) => (Token.isUnresolved(v) ? JSON.stringify(stack.resolve(v)) : v);
    return `CloudWatch dimensions ${this.dimensions.map((d) => `${d.source}:${text(d.name)}=${text(d.defaultValue)}`).join(', ')}`;
  }
}
