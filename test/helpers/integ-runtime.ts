import { CfnResource, IAspect } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';

/**
 * integ-tests-alpha 2.93 writes its assertion Lambdas on nodejs18.x, a runtime Lambda no longer
 * creates; its handler bundles what it needs, so it runs on the construct's runtime (nodejs24.x).
 */
export class CurrentNodeRuntime implements IAspect {
  public visit(node: IConstruct): void {
    // Its provider is a plain CfnResource; the construct's own functions are lambda.CfnFunction.
    if (node instanceof CfnResource && node.cfnResourceType === 'AWS::Lambda::Function' && !(node instanceof lambda.CfnFunction)) {
      node.addPropertyOverride('Runtime', 'nodejs24.x');
    }
  }
}
