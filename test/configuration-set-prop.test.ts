import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { VerifiedMailDomain } from '../src';

// The identity's configuration set must be of its own account and region (SES configuration sets are
// regional resources of an account); one of another stack of the same environment is fine.

function build(setEnv: { account: string; region: string }): () => Stack {
  return () => {
    const app = new App();
    const mail = new Stack(app, 'Mail', { env: { account: '123456789012', region: 'eu-west-1' } });
    const shared = new Stack(app, 'Shared', { env: setEnv });
    const configurationSet = new ses.ConfigurationSet(shared, 'Set', { configurationSetName: 'transactional' });
    const zone = route53.HostedZone.fromHostedZoneAttributes(mail, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
    new VerifiedMailDomain(mail, 'Mail', { hostedZone: zone, configurationSet });
    return mail;
  };
}

test.each([
  ['another region', { account: '123456789012', region: 'us-east-1' }, "configurationSet Shared/Set is made in stack Shared (region us-east-1), but this domain's identity "
    + 'is in stack Mail (region eu-west-1): SES uses a configuration set only in its own account and region. Make the set in a stack of this account and region, '
    + 'or import one there by name (ses.ConfigurationSet.fromConfigurationSetName)'],
  ['another account', { account: '999999999999', region: 'eu-west-1' }, "configurationSet Shared/Set is made in stack Shared (account 999999999999), but this domain's "
    + 'identity is in stack Mail (account 123456789012): SES uses a configuration set only in its own account and region. Make the set in a stack of this account '
    + 'and region, or import one there by name (ses.ConfigurationSet.fromConfigurationSetName)'],
])('a configuration set made in a stack of %s is refused with the construct\'s message', (_name, env, message) => {
  expect(build(env)).toThrow(new Error(message));
});

test('a configuration set of another stack of the same account and region is used through a stack export', () => {
  const mail = build({ account: '123456789012', region: 'eu-west-1' })();
  const identity = Object.values(Template.fromStack(mail).findResources('AWS::SES::EmailIdentity'))[0];
  expect(identity.Properties.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: { 'Fn::ImportValue': expect.stringMatching(/^Shared:ExportsOutputRefSet/) } });
});
