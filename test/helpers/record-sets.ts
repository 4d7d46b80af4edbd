import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct, IConstruct } from 'constructs';

// Plain L1 record sets for the direct tests of the app-wide record-set checks (src/app-records.ts).

export const ENV = { account: '111111111111', region: 'eu-west-1' };

/** A stack in ENV (or `env`), in `app` (or a stage). */
export function recordStack(app: Construct = new App(), id = 'Test', env: { account?: string; region?: string } = ENV): Stack {
  return new Stack(app, id, { env });
}

/** Every construct of the app, as the app-wide checks read them. */
export function allConstructs(app: IConstruct): IConstruct[] {
  return app.node.findAll();
}

/** A TXT record set www.example.org in zone Z1, with `props` over it. */
export function recordSet(scope: Construct, id: string, props: Partial<route53.CfnRecordSetProps>): route53.CfnRecordSet {
  return new route53.CfnRecordSet(scope, id, { name: 'www.example.org', type: 'TXT', resourceRecords: ['"x"'], ttl: '300', hostedZoneId: 'Z1', ...props });
}
