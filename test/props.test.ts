import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Deliverability } from '../src/guardrails/deliverability';
import { InboundMail } from '../src/inbound-mail';
import { checkPropKinds } from '../src/props';
import { DkimSigning } from '../src/sending/dkim';
import { Dmarc } from '../src/sending/dmarc';
import { Spf } from '../src/sending/spf';
import { VerificationWait } from '../src/verification';

// checkPropKinds directly: the kind of every prop before any is read (through the construct and every
// jsii type: test/kinds.test.ts, test/wrong-kinds.test.ts, test/unknown-keys.test.ts).

class Domain {}
const KNOWN = ['dkim', 'spf', 'dmarc', 'inboundMail', 'waitForVerification', 'primary', 'primaryRegion', 'deliverability', 'configurationSet', 'hostedZone'];

function check(props: unknown): Stack {
  const stack = new Stack(new App(), 'Test');
  checkPropKinds(stack, props, Domain, KNOWN);
  return stack;
}

test.each<[string, unknown]>([
  ['undefined', undefined],
  ['null', null],
  ['a list', []],
  ['a string', 'example.org'],
])('props that are %s are refused', (_, props) => {
  const described = props === undefined || props === null ? String(props) : Array.isArray(props) ? 'a list' : `string "${props}"`;
  expect(() => check(props)).toThrow(new Error(`props must be an object of VerifiedMailDomainProps, got ${described}`));
});

test('a near miss of a known prop is refused, naming the props', () => {
  expect(() => check({ hostedzone: 'x' })).toThrow(new Error(`VerifiedMailDomainProps has no option 'hostedzone': did you mean 'hostedZone'? Options: ${KNOWN.join(', ')}`));
});

test('every value-class prop made by its factory passes, and so do no props at all, without a warning', () => {
  Annotations.fromStack(check({})).hasNoWarning('*', Match.anyValue());
  expect(() => check({
    dkim: DkimSigning.easyDkim(),
    spf: Spf.none(),
    dmarc: Dmarc.none(),
    inboundMail: InboundMail.nullMx(),
    waitForVerification: VerificationWait.none(),
    primary: new Domain(),
    primaryRegion: new Domain(),
    deliverability: Deliverability.guard(),
    configurationSet: { configurationSetName: 'my-set' },
  })).not.toThrow();
});

test.each<[string, unknown, string]>([
  ['dkim', 'easy', 'dkim must be DkimSigning.easyDkim() or DkimSigning.byoDkim(...), got string "easy"'],
  ['spf', {}, 'spf must be Spf.publish(...) or Spf.none(), got an object of class Object'],
  ['dmarc', 1, 'dmarc must be Dmarc.publish(...) or Dmarc.none(), got number 1'],
  ['inboundMail', [], 'inboundMail must be InboundMail.ses(), InboundMail.servers(...) or InboundMail.nullMx(), got a list'],
  ['waitForVerification', true, 'waitForVerification must be VerificationWait.none() or VerificationWait.untilVerified(...), got boolean true'],
  ['primary', 'us-east-1', 'primary must be the VerifiedMailDomain of the same domain in its primary region, got string "us-east-1"'],
  ['primaryRegion', 'us-east-1', 'primaryRegion must be the VerifiedMailDomain of the same domain in its primary region, got string "us-east-1"'],
  ['deliverability', null, 'deliverability must be Deliverability.guard(...), got null'],
  ['configurationSet', 'my-set',
    "configurationSet must be an ses.IConfigurationSet (e.g. new ses.ConfigurationSet(...) or ses.ConfigurationSet.fromConfigurationSetName(this, 'Set', 'my-set')), got string \"my-set\""],
  ['configurationSet', { name: 'my-set' },
    "configurationSet must be an ses.IConfigurationSet (e.g. new ses.ConfigurationSet(...) or ses.ConfigurationSet.fromConfigurationSetName(this, 'Set', 'my-set')), got an object of class Object"],
])('%s of the wrong kind is refused: %j', (prop, value, message) => {
  expect(() => check({ [prop]: value })).toThrow(new Error(message));
});

test('a prop that is none of the known ones is a warning with its id, naming the props there are', () => {
  const stack = check({ stackName: 'x' });
  Annotations.fromStack(stack).hasWarning('/Test', `VerifiedMailDomainProps has no prop 'stackName': ignored (remove it, or acknowledge this warning where a wider object such as stack props is passed on purpose); props: ${KNOWN.join(', ')} [ack: cdk-verified-mail-domain:unknownProp]`);
});

test('two unknown props are named together', () => {
  const stack = check({ stackName: 'x', env: {} });
  Annotations.fromStack(stack).hasWarning('/Test', `VerifiedMailDomainProps has no props 'stackName', 'env': ignored (remove them, or acknowledge this warning where a wider object such as stack props is passed on purpose); props: ${KNOWN.join(', ')} [ack: cdk-verified-mail-domain:unknownProp]`);
});
