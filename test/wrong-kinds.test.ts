import { CfnParameter, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { DkimSigning, Dmarc, DmarcFailureReportOption, DmarcPolicy, Spf, VerificationWait, VerifiedMailDomain, VerifiedMailDomainProps } from '../src';
import { literalRecords, zoneStack } from './helpers/util';

// Values of the wrong kind, as JavaScript and the other jsii languages can pass them: each gets the
// construct's message naming the prop, showing the value and saying what to write instead. The
// jsii-driven test (kinds.test.ts) covers every position; these are the exact messages.

interface Scope { readonly stack: Stack; readonly zone: route53.PublicHostedZone }
type Build = (s: Scope) => unknown;

const any = (v: unknown) => v as any;
const mail = (props: () => Record<string, unknown>): Build => ({ stack, zone }) =>
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, ...props() } as VerifiedMailDomainProps);
const key = () => SecretValue.secretsManager('dkim-key');

/** The message the build and synthesis fail with, or 'no error'. */
function errorOf(build: Build): string {
  const { stack, zone } = zoneStack();
  try {
    build({ stack, zone });
    Template.fromStack(stack);
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return 'no error';
}

const FO = "DmarcFailureReportOption.ALL_FAIL ('0'), DmarcFailureReportOption.ANY_FAIL ('1'), DmarcFailureReportOption.DKIM_FAIL ('d'), DmarcFailureReportOption.SPF_FAIL ('s')";
const POLICY = "DmarcPolicy.NONE ('none'), DmarcPolicy.QUARANTINE ('quarantine'), DmarcPolicy.REJECT ('reject')";
const REMOVAL = "RemovalPolicy.DESTROY ('destroy'), RemovalPolicy.RETAIN ('retain'), RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE ('retain-on-update-or-delete')";

const KINDS: Array<[string, Build, string]> = [
  // Props of the construct
  ['props a list', ({ stack }) => new VerifiedMailDomain(stack, 'Mail', any([])), 'props must be an object of VerifiedMailDomainProps, got a list'],
  ['mailFromSubdomain a number', mail(() => ({ mailFromSubdomain: 5 })), "mailFromSubdomain must be a string such as 'bounce', got number 5"],
  ['recordTtl a string', mail(() => ({ recordTtl: 'x' })), 'recordTtl must be a Duration (e.g. Duration.minutes(30)), got string "x"'],
  ['recordTtl in minutes of a token', ({ stack, zone }) => new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone, recordTtl: Duration.minutes(new CfnParameter(stack, 'Ttl', { type: 'Number' }).valueAsNumber),
  }), 'recordTtl must be a Duration that can be converted to seconds: one whose amount is a token must be given in seconds (Duration.seconds(token)), '
    + 'got Duration.minutes(<token>)'],
  ['waitForVerification timeout in minutes of a token', ({ stack, zone }) => new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone, waitForVerification: VerificationWait.untilVerified({ timeout: Duration.minutes(new CfnParameter(stack, 'Wait', { type: 'Number' }).valueAsNumber) }),
  }), 'waitForVerification timeout must be a Duration that can be converted to seconds: one whose amount is a token must be given in seconds '
    + '(Duration.seconds(token)), got Duration.minutes(<token>)'],
  ['hostedZone a string', mail(() => ({ hostedZone: 'example.com', domainName: 'example.com' })),
    'hostedZone must be a route53.IHostedZone (e.g. route53.HostedZone.fromLookup(...)), got string "example.com"'],
  ['hostedZone null', mail(() => ({ hostedZone: null, domainName: 'example.com' })),
    'hostedZone must be a route53.IHostedZone (e.g. route53.HostedZone.fromLookup(...)), got null'],
  ['removalPolicy a stray string', mail(() => ({ removalPolicy: 'x' })), `removalPolicy must be one of ${REMOVAL}, got 'x'`],
  ['removalPolicy a number', mail(() => ({ removalPolicy: 1 })), `removalPolicy must be one of ${REMOVAL}, got number 1`],
  ['primaryRegion a plain object', mail(() => ({ primaryRegion: {} })),
    'primaryRegion must be the VerifiedMailDomain of the same domain in its primary region, got an object of class Object'],
  ['customMailFrom a string', mail(() => ({ customMailFrom: 'yes' })), 'customMailFrom must be true or false, got string "yes"'],
  ['recordOutputs a number', mail(() => ({ recordOutputs: 1 })), 'recordOutputs must be true or false, got number 1'],
  ['domainTxtValues a string', mail(() => ({ domainTxtValues: 'google-site-verification=abc' })),
    'domainTxtValues must be a list of strings, got string "google-site-verification=abc"'],
  ['dmarc a record text', mail(() => ({ dmarc: 'v=DMARC1; p=reject' })), 'dmarc must be Dmarc.publish(...) or Dmarc.none(), got string "v=DMARC1; p=reject"'],
  // DKIM
  ['byoDkim without options', () => DkimSigning.byoDkim(any(null)),
    "DkimSigning.byoDkim takes an options object such as { selector: 'sel1', privateKey: SecretValue.secretsManager('dkim-key'), publicKey: '<base64>' }, got null"],
  ['byoDkim selector a number', () => DkimSigning.byoDkim({ selector: any(5), privateKey: key() }), "byoDkim selector must be a string such as 'sel1', got number 5"],
  ['byoDkim publicKey a number', () => DkimSigning.byoDkim({ selector: 'sel1', privateKey: key(), publicKey: any(5) }),
    "byoDkim publicKey must be a string such as 'MIIBIjANBg...' (base64), got number 5"],
  ['byoDkim privateKey as plain text (never shown)', () => DkimSigning.byoDkim({ selector: 'sel1', privateKey: any('MIIEvQIBADANBg') }),
    'byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got a plain-text string (not shown)'],
  ['byoDkim privateKey a number', () => DkimSigning.byoDkim({ selector: 'sel1', privateKey: any(5) }),
    'byoDkim privateKey must be a SecretValue (e.g. SecretValue.secretsManager(...)), got number 5'],
  ['easyDkim key length a list', () => DkimSigning.easyDkim(any(['RSA_2048_BIT'])),
    'dkim keyLength must be one of ses.EasyDkimSigningKeyLength.RSA_1024_BIT, ses.EasyDkimSigningKeyLength.RSA_2048_BIT, got a list'],
  // SPF, DMARC, the wait, the grant
  ['spf a a string', () => Spf.publish({ a: any('true') }), 'spf.a must be true or false, got string "true"'],
  ['spf mx a number', () => Spf.publish({ mx: any(1) }), 'spf.mx must be true or false, got number 1'],
  ['spf all a number', () => Spf.publish({ all: any(5) }), "spf.all must be one of SpfAll.SOFTFAIL ('~all'), SpfAll.FAIL ('-all'), SpfAll.NEUTRAL ('?all'), got number 5"],
  ['dmarc testing a string', () => Dmarc.publish({ testing: any('y') }), 'dmarc.testing must be true or false, got string "y"'],
  ['dmarc policy a list', () => Dmarc.publish({ policy: any([DmarcPolicy.REJECT]) }), `dmarc.policy must be one of ${POLICY}, got a list`],
  ['untilVerified given null', () => VerificationWait.untilVerified(any(null)),
    'VerificationWait.untilVerified takes an options object such as { timeout: Duration.minutes(30) }, got null'],
  ['grantSendEmail to a role name', ({ stack, zone }) => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone }).grantSendEmail(any('my-role')),
    'grantSendEmail grantee must be an iam.IGrantable (a role, a user, a function...), got string "my-role"'],
  ['grantSendEmail fromAddressInDomainOnly a string', ({ stack, zone }) => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone })
    .grantSendEmail(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }), { fromAddressInDomainOnly: any('yes') }),
  'grantSendEmail fromAddressInDomainOnly must be true or false, got string "yes"'],
];

const SILENT_LOSS: Array<[string, Build, string]> = [
  ['Spf.publish given a list of includes', () => Spf.publish(any(['_spf.google.com'])),
    "Spf.publish takes an options object such as { include: ['_spf.google.com'] }, got a list"],
  ['Dmarc.publish given the record text', () => Dmarc.publish(any('p=reject')),
    "Dmarc.publish takes an options object such as { policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['dmarc@example.com'] }, got string \"p=reject\""],
  ['configurationSet given its name', mail(() => ({ configurationSet: 'my-set' })),
    "configurationSet must be an ses.IConfigurationSet (e.g. new ses.ConfigurationSet(...) or ses.ConfigurationSet.fromConfigurationSetName(this, 'Set', 'my-set')), got string \"my-set\""],
  ['untilVerified given a number', () => VerificationWait.untilVerified(any(30)),
    'VerificationWait.untilVerified takes an options object such as { timeout: Duration.minutes(30) }, got number 30'],
];

const ENUMS: Array<[string, Build, string]> = [
  ['an undefined entry of failureReportOptions', () => Dmarc.publish({ failureReportOptions: [any(undefined)] }),
    `dmarc.failureReportOptions[0] must be one of ${FO}, got undefined`],
  ['a stray second entry of failureReportOptions', () => Dmarc.publish({ failureReportOptions: [DmarcFailureReportOption.DKIM_FAIL, any('x')] }),
    `dmarc.failureReportOptions[1] must be one of ${FO}, got 'x'`],
  ['failureReportOptions a string', () => Dmarc.publish({ failureReportOptions: any('d') }),
    'dmarc.failureReportOptions must be a list of DmarcFailureReportOption members, got string "d"'],
  ['a member name for its value', () => Dmarc.publish({ policy: any('QUARANTINE') }), `dmarc.policy must be one of ${POLICY}, got 'QUARANTINE'`],
  ['a stray SPF all', () => Spf.publish({ all: any('+all') }), "spf.all must be one of SpfAll.SOFTFAIL ('~all'), SpfAll.FAIL ('-all'), SpfAll.NEUTRAL ('?all'), got '+all'"],
];

describe.each([
  ['values of the wrong kind', KINDS],
  ['what would be lost without a word', SILENT_LOSS],
  ['enum members', ENUMS],
])('%s', (_group, cases) => {
  test.each(cases)('%s', (_name, build, message) => {
    expect(errorOf(build)).toBe(`Error: ${message}`);
  });
});

test('a configuration set of another copy of aws-cdk-lib (duck-typed by its name) is used', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, configurationSet: any({ configurationSetName: 'my-set' }) });
  Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', { ConfigurationSetAttributes: { ConfigurationSetName: 'my-set' } });
});

test('enum members from JavaScript as their values are accepted', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    spf: Spf.publish({ all: any('-all'), a: false }),
    dmarc: Dmarc.publish({ policy: any('reject'), failureReportOptions: [any('d'), DmarcFailureReportOption.SPF_FAIL], testing: false }),
  });
  const records = literalRecords(stack);
  expect(records['example.org. TXT']).toEqual(['"v=spf1 include:amazonses.com -all"']);
  expect(records['_dmarc.example.org. TXT']).toEqual(['"v=DMARC1; p=reject; fo=d:s"']);
});
