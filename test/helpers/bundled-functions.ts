import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';

// Shared checks of the projen-generated function classes (src/waiter/is-complete-function.ts,
// on-event-function.ts, src/receiving/activate-function.ts): each wraps a bundled handler in a
// lambda.Function the same way.

type FunctionClass = new (scope: Construct, id: string, props?: lambda.FunctionOptions) => lambda.Function;

/** The Lambda function resource the class makes with `props`. */
function functionProperties(cls: FunctionClass, props?: lambda.FunctionOptions): { fn: lambda.Function; properties: any; stack: Stack } {
  const stack = new Stack(new App(), 'Test');
  const fn = new cls(stack, 'Fn', props);
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return { fn, properties: resources[stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)].Properties, stack };
}

/** The tests of one generated function class; `handler` is its handler module under src/ (`waiter/on-event`). */
export function describeBundledFunction(cls: FunctionClass, handler: string): void {
  const asset = path.join(__dirname, '..', '..', 'assets', `${handler}.lambda`);

  test('Node.js 24, index.handler, its description and connection reuse', () => {
    const { properties } = functionProperties(cls);
    expect([properties.Runtime, properties.Handler, properties.Description, properties.Environment]).toEqual([
      'nodejs24.x', 'index.handler', `src/${handler}.lambda.ts`, { Variables: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' } },
    ]);
  });

  test(`the code is the bundled asset assets/${handler}.lambda, which exports the handler`, () => {
    const { properties, stack } = functionProperties(cls);
    const expected = new s3assets.Asset(stack, 'Expected', { path: asset });
    expect(properties.Code.S3Key).toBe(`${expected.assetHash}.zip`);
    expect(fs.readdirSync(asset)).toEqual(['index.js']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(path.join(asset, 'index.js')).handler).toBe('function');
  });

  test('options are passed through; a description given replaces the default', () => {
    const { properties } = functionProperties(cls, { timeout: Duration.seconds(30), memorySize: 256, description: 'mine', environment: { A: 'b' } });
    expect([properties.Timeout, properties.MemorySize, properties.Description, properties.Environment]).toEqual([
      30, 256, 'mine', { Variables: { A: 'b', AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' } },
    ]);
  });

  test('runtime, handler and code cannot be overridden through the props', () => {
    const props = { runtime: new lambda.Runtime('python3.12', lambda.RuntimeFamily.PYTHON), handler: 'x.y', code: lambda.Code.fromInline('x') } as lambda.FunctionOptions;
    const { properties } = functionProperties(cls, props);
    expect([properties.Runtime, properties.Handler, properties.Code.ZipFile]).toEqual(['nodejs24.x', 'index.handler', undefined]);
  });

  test('the connection-reuse variable is dropped for Lambda@Edge, which allows no environment variables', () => {
    const { fn, stack } = functionProperties(cls);
    fn._checkEdgeCompatibility();
    expect(stack.resolve((fn.node.defaultChild as lambda.CfnFunction).environment)).toBeUndefined();
  });
}
