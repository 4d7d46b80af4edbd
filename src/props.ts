import { Annotations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Deliverability } from './guardrails/deliverability';
import { InboundMail } from './inbound-mail';
import { DmarcReports } from './reports/dmarc-reports';
import { DkimSigning } from './sending/dkim';
import { Dmarc } from './sending/dmarc';
import { Spf } from './sending/spf';
import { checkConstruct, checkKind, checkKnownKeys } from './validation';
import { VerificationWait } from './verification';

// The kinds of the props of a VerifiedMailDomain, checked before any is read: JavaScript and the other
// jsii languages can pass anything, and a value of the wrong kind must get the construct's message
// naming the prop, never a TypeError from inside aws-cdk-lib nor a value dropped without a word.

/**
 * Value-class props must be made by their static factories; `domainClass` is the VerifiedMailDomain class.
 * A key that is none of the `known` props is a warning on `scope` (TypeScript lets a wider object through,
 * e.g. stack props spread in), unless it is a near miss of one: that is an error (see checkKnownKeys).
 */
export function checkPropKinds(scope: Construct, props: unknown, domainClass: Function, known: readonly string[]): void {
  checkKind('props', props, typeof props === 'object' && props !== null && !Array.isArray(props), 'an object of VerifiedMailDomainProps');
  const unknown = checkKnownKeys('VerifiedMailDomainProps', props, known, true);
  if (unknown.length > 0) {
    const [named, one] = [unknown.map((k) => `'${k}'`).join(', '), unknown.length === 1];
    Annotations.of(scope).addWarningV2('cdk-verified-mail-domain:unknownProp', `VerifiedMailDomainProps has no ${one ? 'prop' : 'props'} ${named}: ignored `
      + `(remove ${one ? 'it' : 'them'}, or acknowledge this warning where a wider object such as stack props is passed on purpose); props: ${known.join(', ')}`);
  }
  const p = props as Record<string, unknown>;
  const classes: Array<[string, Function, string]> = [
    ['dkim', DkimSigning, 'DkimSigning.easyDkim() or DkimSigning.byoDkim(...)'],
    ['spf', Spf, 'Spf.publish(...) or Spf.none()'],
    ['dmarc', Dmarc, 'Dmarc.publish(...) or Dmarc.none()'],
    ['inboundMail', InboundMail, 'InboundMail.ses(), InboundMail.servers(...) or InboundMail.nullMx()'],
    ['dmarcReports', DmarcReports, 'DmarcReports.receive(...) or DmarcReports.sharedWith(mailbox)'],
    ['waitForVerification', VerificationWait, 'VerificationWait.none() or VerificationWait.untilVerified(...)'],
    ['primary', domainClass, 'the VerifiedMailDomain of the same domain in its primary region'],
    ['primaryRegion', domainClass, 'the VerifiedMailDomain of the same domain in its primary region'],
    ['deliverability', Deliverability, 'Deliverability.guard(...)'],
  ];
  for (const [prop, cls, factories] of classes) {
    checkKind(prop, p[prop], p[prop] === undefined || p[prop] instanceof cls, factories);
  }
  // A construct interface, duck-typed: one from another copy of aws-cdk-lib passes too (hostedZone is
  // checked so in zone.ts). ses.EmailIdentity reads only configurationSetName: without one, no set at all.
  if (p.configurationSet !== undefined) {
    checkConstruct('configurationSet', p.configurationSet, ['configurationSetName'],
      "an ses.IConfigurationSet (e.g. new ses.ConfigurationSet(...) or ses.ConfigurationSet.fromConfigurationSetName(this, 'Set', 'my-set'))");
  }
}
