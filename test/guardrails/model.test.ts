import { App, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DeliverabilityMetadata, GuardedDomain, GuardedSet } from '../../src/guardrails/model';

// model.ts holds only types. jest transpiles test files without type-checking them (isolatedModules), so these
// tests are held by the test task's type check of test/ (`tsc -p test/tsconfig.json`): it fails if a field is
// renamed, dropped or turns optional, and each @ts-expect-error fails it if its line compiles.

test('a GuardedSet has exactly a name and an ARN, both required', () => {
  const set: GuardedSet = { name: 'guarded', arn: 'arn:aws:ses:eu-west-1:111111111111:configuration-set/guarded' };
  // @ts-expect-error the ARN is required (it is SES's aws:SourceArn)
  const noArn: GuardedSet = { name: 'guarded' };
  // @ts-expect-error the fields are readonly
  set.name = 'other';
  expect([Object.keys(set), noArn.arn]).toEqual([['name', 'arn'], undefined]);
});

test('a GuardedDomain needs its configuration set and what the check reads of it; the topic is optional', () => {
  const stack = new Stack(new App(), 'Test');
  const configurationSet = new ses.ConfigurationSet(stack, 'Set');
  const topic = new sns.Topic(stack, 'Topic');
  const metadata: DeliverabilityMetadata = { eventDestination: 'the default event bus', events: ['bounce'], alarms: 'bounce rate 0.05', accountAlarms: true };
  const withTopic: GuardedDomain = { configurationSet, topic, metadata };
  const withoutTopic: GuardedDomain = { configurationSet, metadata };
  // @ts-expect-error the configuration set is required
  const none: GuardedDomain = { topic, metadata };
  // @ts-expect-error the metadata is required: the check's bulk-sender section reads it
  const noMetadata: GuardedDomain = { configurationSet };
  expect([withTopic.topic, withoutTopic.topic, none.configurationSet, noMetadata.metadata]).toEqual([topic, undefined, undefined, undefined]);
});
