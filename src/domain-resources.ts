import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct, IDependable } from 'constructs';
import { RecordContext, RecordEntry } from './context';
import { waiterRecords } from './domain-records';
import { InboundMail } from './inbound-mail';
import { DmarcReports } from './reports/dmarc-reports';
import { VerificationWait } from './verification';

// What a VerifiedMailDomain makes once its records are placed, each after the identity and every record
// set it serves: the verification wait, the domain's receipt rule and its DMARC reports' rule.

/** The props and resources those need. */
export interface DomainResources {
  readonly waitForVerification?: VerificationWait;
  readonly inboundMail?: InboundMail;
  readonly dmarcReports?: DmarcReports;
  readonly identity: ses.EmailIdentity;
  readonly identityArn: string;
  readonly entries: RecordEntry[];
  /** The record sets in the zone (none without one). */
  readonly recordResources: IDependable[];
  readonly inHostedZone: boolean;
}

/** Makes them; returns the wait's resource, if any (VerifiedMailDomain.verification). */
export function bindDomainResources(scope: Construct, ctx: RecordContext, r: DomainResources): IDependable | undefined {
  const dependsOn = [r.identity, ...r.recordResources];
  const wait = r.waitForVerification ?? VerificationWait.none();
  const verification = wait._bind(scope, {
    identityName: r.identity.emailIdentityName,
    identityArn: r.identityArn,
    mailFromDomain: ctx.mailFromDomain,
    ...waiterRecords(r.entries),
    dependsOn,
    inHostedZone: r.inHostedZone,
  });
  // SES's receipt rules, after the identity (and, in a zone, the MX) they serve: the domain's, then its reports'.
  r.inboundMail?._bind(scope, ctx, dependsOn);
  r.dmarcReports?._bind(scope, ctx, { inboundMail: r.inboundMail, dependsOn });
  return verification;
}
