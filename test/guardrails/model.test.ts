import { App, Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { GuardedDomain, GuardedSet } from '../../src/guardrails/model';

// model.ts holds only types. ts-jest type-checks this file, so these tests fail to compile (and fail)
// if a field is renamed, dropped or turns optional; each @ts-expect-error fails if the line compiles.

test('a GuardedSet has exactly a name and an ARN, both required', () => {
  const set: GuardedSet = { name: 'guarded', arn: 'arn:aws:ses:eu-west-1:111111111111:configuration-set/guarded' };
  // @ts-expect-error the ARN is required (it is SES's aws:SourceArn)
  const noArn: GuardedSet = { name: 'guarded' };
  // @ts-expect-error the fields are readonly
  set.name = 'other';
  expect([Object.keys(set), noArn.arn]).toEqual([['name', 'arn'], undefined]);
});

test('a GuardedDomain needs its configuration set; the topic is optional', () => {
  const stack = new Stack(new App(), 'Test');
  const configurationSet = new ses.ConfigurationSet(stack, 'Set');
  const topic = new sns.Topic(stack, 'Topic');
  const withTopic: GuardedDomain = { configurationSet, topic };
  const withoutTopic: GuardedDomain = { configurationSet };
  // @ts-expect-error the configuration set is required
  const none: GuardedDomain = { topic };
  expect([withTopic.topic, withoutTopic.topic, none.configurationSet]).toEqual([topic, undefined, undefined]);
});
