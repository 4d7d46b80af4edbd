import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ActivateFunction } from '../../src/receiving/activate-function';
import { describeBundledFunction } from '../helpers/bundled-functions';

describeBundledFunction(ActivateFunction, 'receiving/activate');

test('as a Lambda@Edge function it drops the connection-reuse variable (Lambda@Edge takes no environment)', () => {
  const stack = new Stack(new App(), 'Edge', { env: { region: 'us-east-1' } });
  const fn = new ActivateFunction(stack, 'Fn');
  new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: {
      origin: new origins.HttpOrigin('example.org'),
      edgeLambdas: [{ functionVersion: fn.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST }],
    },
  });
  const properties = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)].Properties;
  expect(properties.Environment).toBeUndefined();
});
