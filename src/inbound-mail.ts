import { isIP } from 'net';
import { Annotations } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct, IDependable } from 'constructs';
import { entry, RecordContext, RecordEntry, RecordKind } from './context';
import { checkOptionsObject } from './receiving/kinds';
import { SesEndpointOptions, SesReceivingOptions } from './receiving/receiving';
import { checkSesEndpointRegion } from './receiving/receiving-regions';
import { renderReceiving } from './receiving/rule';
import { ReceiptRuleSetChoice } from './receiving/rule-sets';
import { checkKind, checkKnownKeys, checkPriority, knownKeys, normalizeDomainName, optionalBoolean } from './validation';

/** A mail server that receives the domain's mail. */
export interface MailServer {
  /** Host name of the server, e.g. `aspmx.l.google.com`. */
  readonly host: string;
  /** MX priority, 0-65535; lower is tried first. */
  readonly priority: number;
}

// The props of each options struct the factories take, for checkKnownKeys.
const MAIL_SERVER_KEYS = knownKeys<MailServer>({ host: true, priority: true });
const SES_ENDPOINT_KEYS = knownKeys<SesEndpointOptions>({ allowUnlistedRegion: true });
const SES_RECEIVING_KEYS = knownKeys<SesReceivingOptions>({
  actions: true,
  ruleSet: true,
  recipients: true,
  scanEnabled: true,
  tlsPolicy: true,
  tlsRequired: true,
  allowUnlistedRegion: true,
});

/** Where mail addressed to the domain is delivered: the MX record at the domain. */
export abstract class InboundMail {
  /**
   * The SES receiving endpoint of the stack's region: `10 inbound-smtp.<region>.amazonaws.com`. With
   * `receiving`, also the receipt rule that delivers the domain's mail (S3, SNS or Lambda). In a region
   * where SES does not receive mail it fails at synth (see `InboundMail.sesEndpoint` and `allowUnlistedRegion`).
   * @param receiving the rule for the domain; without it, only the MX record (rules are yours)
   */
  public static ses(receiving?: SesReceivingOptions): InboundMail {
    if (receiving !== undefined && receiving !== null) {
      checkOptionsObject('inboundMail receiving', receiving, 'an object of SesReceivingOptions ({ actions, ruleSet, ... })');
      checkKnownKeys('InboundMail.ses', receiving, SES_RECEIVING_KEYS);
    }
    return receiving
      ? new SesInbound(receiving, receiving.allowUnlistedRegion, 'InboundMail.ses({ actions, ruleSet })', 'set allowUnlistedRegion: true')
      : new SesInbound(undefined, undefined, 'InboundMail.ses()', 'use InboundMail.sesEndpoint({ allowUnlistedRegion: true })');
  }

  /**
   * Only the MX to SES's receiving endpoint of the stack's region, `10 inbound-smtp.<region>.amazonaws.com`
   * (the receipt rules are yours), as `InboundMail.ses()` without receiving options; with
   * `allowUnlistedRegion`, also in a region newer than the list of regions where SES receives mail.
   */
  public static sesEndpoint(options: SesEndpointOptions = {}): InboundMail {
    checkOptionsObject('InboundMail.sesEndpoint options', options, 'an object of SesEndpointOptions ({ allowUnlistedRegion? })');
    checkKnownKeys('InboundMail.sesEndpoint', options, SES_ENDPOINT_KEYS);
    return new SesInbound(undefined, optionalBoolean('InboundMail.sesEndpoint allowUnlistedRegion', options.allowUnlistedRegion),
      'InboundMail.sesEndpoint()', 'set allowUnlistedRegion: true');
  }

  /** Your own mail servers, e.g. a hosted mailbox provider. */
  public static servers(servers: MailServer[]): InboundMail {
    return new ServersInbound(servers);
  }

  /** Null MX (RFC 7505, `0 .`): the domain accepts no mail, and senders learn so at once. */
  public static nullMx(): InboundMail {
    return new NullMx('InboundMail.nullMx()');
  }

  /**
   * Null MX (RFC 7505, `0 .`), the same record as `InboundMail.nullMx()`.
   * @deprecated use `InboundMail.nullMx()`: `none()` publishes a record (a null MX), unlike `Spf.none()`
   * and `Dmarc.none()`, which publish nothing
   */
  public static none(): InboundMail {
    return new NullMx('InboundMail.none()');
  }

  /** The MX values. @internal */
  public abstract _values(ctx: RecordContext): string[];

  /** Resources besides the MX record (SES's receipt rule). @internal */
  public _bind(_scope: Construct, _ctx: RecordContext, _dependsOn: IDependable[]): void {
    // Only SES receiving has any.
  }

  /** The rule set of the domain's SES receipt rule, if it has one. @internal */
  public _ruleSet(): ReceiptRuleSetChoice | undefined {
    return undefined;
  }

  /** The recipients the domain's SES receipt rule lists, as given (undefined: none given, or no rule). @internal */
  public _recipients(): string[] | undefined {
    return undefined;
  }

  /** How the user chose an MX to SES whose receipt rules are theirs (no receiving options), else undefined. @internal */
  public _sesWithoutRule(): string | undefined {
    return undefined;
  }

  /** The MX record of the domain. @internal */
  public _records(ctx: RecordContext): RecordEntry[] {
    return [entry(ctx, 'InboundMx', ctx.domainName, route53.RecordType.MX, this._values(ctx), 'inbound mail (MX)',
      { kind: RecordKind.INBOUND_MX, name: 'domainName', values: 'inboundMail' })];
  }
}

class SesInbound extends InboundMail {
  /**
   * @param factory how the user made it, for messages
   * @param override where the user sets allowUnlistedRegion (`InboundMail.ses()` alone has no place for it)
   */
  constructor(private readonly receiving: SesReceivingOptions | undefined, private readonly allowUnlistedRegion: boolean | undefined,
    private readonly factory: string, private readonly override: string) {
    super();
  }

  public _bind(scope: Construct, ctx: RecordContext, dependsOn: IDependable[]): void {
    if (!this.receiving) return;
    renderReceiving(scope, { domainName: ctx.domainName, mailFromDomain: ctx.mailFromDomain, region: ctx.region }, this.receiving, dependsOn);
  }

  public _ruleSet(): ReceiptRuleSetChoice | undefined {
    return this.receiving?.ruleSet;
  }

  public _sesWithoutRule(): string | undefined {
    return this.receiving ? undefined : this.factory;
  }

  public _recipients(): string[] | undefined {
    return this.receiving?.recipients;
  }

  public _values(ctx: RecordContext): string[] {
    // One region rule (receiving/receiving-regions.ts) for the MX and the rule, one override.
    checkSesEndpointRegion(ctx.region, this.receiving !== undefined, this.allowUnlistedRegion, this.factory, this.override);
    return [`10 inbound-smtp.${ctx.region}.amazonaws.com`];
  }
}

class ServersInbound extends InboundMail {
  private readonly values: string[];

  constructor(servers: MailServer[]) {
    super();
    checkKind('inboundMail servers', servers, Array.isArray(servers), 'a list of MailServer ({ host, priority }), e.g. [{ host: \'mx.example.net\', priority: 10 }]');
    if (servers.length === 0) {
      throw new Error('inboundMail servers must list at least one server, got an empty list; use InboundMail.nullMx() for a domain that receives no mail');
    }
    const hosts = new Set<string>();
    this.values = servers.map((server, i) => {
      const prop = `inboundMail servers[${i}]`;
      checkOptionsObject(prop, server, 'a MailServer ({ host, priority })');
      checkKnownKeys(`InboundMail.servers servers[${i}]`, server, MAIL_SERVER_KEYS);
      checkKind(`${prop}.host`, server.host, typeof server.host === 'string', "a host name such as 'mx.example.net'");
      checkKind(`${prop}.priority`, server.priority, typeof server.priority === 'number', 'an integer from 0 to 65535');
      if (server.host === '.' || server.host === '') {
        throw new Error(`${prop}.host must be a host name, got '${server.host}'; a null MX must be the only MX at its name: use InboundMail.nullMx()`);
      }
      checkPriority(`${prop}.priority`, server.priority);
      // An MX names a host, never an address (RFC 5321 section 5.1, RFC 7505 section 1).
      if (isIP(server.host.replace(/^\[|\]$/g, '')) !== 0) {
        throw new Error(`${prop}.host must be a host name, got the IP address '${server.host}'; an MX points to a name with an A or AAAA record, so give the server's host name`);
      }
      const host = normalizeDomainName(`${prop}.host`, server.host);
      if (hosts.has(host)) {
        throw new Error(`${prop}.host '${host}' is listed twice; give each server once`);
      }
      hosts.add(host);
      return `${server.priority} ${host}`;
    });
  }

  public _values(): string[] {
    return this.values;
  }
}

class NullMx extends InboundMail {
  /** @param factory how the user made it, for the warning */
  constructor(private readonly factory: string) {
    super();
  }

  public _values(ctx: RecordContext): string[] {
    // RFC 7505 section 4.2: a domain that sends mail should not publish a null MX; some receivers
    // refuse mail whose From domain cannot receive replies. The identity exists to send, so warn.
    Annotations.of(ctx.scope).addWarningV2('cdk-verified-mail-domain:nullMxOnSendingDomain',
      `inboundMail is ${this.factory} (null MX) on ${ctx.domainName}, which sends mail through SES: RFC 7505 section 4.2 says a sending domain `
      + 'should not publish a null MX, and receivers may reject mail whose From domain accepts no replies. Leave inboundMail unset, or acknowledge this warning if replies are never wanted');
    return ['0 .'];
  }
}
