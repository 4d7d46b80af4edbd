import { RemovalPolicy } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

// A DMARC reports mailbox: the address and domain of a domain's reports, and what the domains that share it
// need of its owner (its zone, TTL and removal policy, for the consent records).

/** The reports address and domain of a domain's DMARC reports, and whether failure reports go there too. */
export interface ReportsMailbox {
  readonly domain: string;
  readonly address: string;
  readonly failureReports: boolean;
  /** True when the mailbox's own domain publishes the authorization record in its zone (DmarcReports.sharedWith). */
  readonly authorizedElsewhere?: boolean;
}

/**
 * A mailbox that receives DMARC reports: `VerifiedMailDomain.dmarcReportsMailbox` of a domain with
 * `dmarcReports: DmarcReports.receive()`. Other domains of the app send their reports there with
 * `DmarcReports.sharedWith(mailbox)`.
 */
export class DmarcReportsMailbox {
  /** @internal */
  public static _make(owner: Construct, ownerDomain: string, mailbox: ReportsMailbox, zone: route53.IHostedZone | undefined,
    ttl: number, removalPolicy: RemovalPolicy | undefined): DmarcReportsMailbox {
    return new DmarcReportsMailbox(owner, ownerDomain, mailbox, zone, ttl, removalPolicy);
  }

  /** The address the DMARC records name, e.g. `dmarc@dmarc-reports.example.com`. */
  public readonly address: string;
  /** The domain that receives the reports, e.g. `dmarc-reports.example.com`. */
  public readonly domainName: string;
  /** @internal */
  public readonly _owner: Construct;
  /** @internal */
  public readonly _ownerDomain: string;
  /** @internal */
  public readonly _failureReports: boolean;
  /** @internal */
  public readonly _zone?: route53.IHostedZone;
  /** @internal */
  public readonly _ttl: number;
  /** @internal */
  public readonly _removalPolicy?: RemovalPolicy;

  private constructor(owner: Construct, ownerDomain: string, mailbox: ReportsMailbox, zone: route53.IHostedZone | undefined, ttl: number,
    removalPolicy: RemovalPolicy | undefined) {
    this.address = mailbox.address;
    this.domainName = mailbox.domain;
    this._owner = owner;
    this._ownerDomain = ownerDomain;
    this._failureReports = mailbox.failureReports;
    this._zone = zone;
    this._ttl = ttl;
    this._removalPolicy = removalPolicy;
  }
}
