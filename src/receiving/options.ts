import { Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { checkOptionsObject } from './kinds';
import { SesReceivingOptions } from './receiving';
import { ReceiptRuleSetChoice } from './rule-sets';
import { SES_ACTIONS_PER_RULE, SES_RECIPIENTS_PER_RULE } from '../limits';
import { parseMailAddress } from '../mail-address';
import { checkKind, checkOneOf, enumValues, isWithin, listOf, normalizeDomainName, optionalBoolean } from '../validation';

// The checks of SesReceivingOptions that need no other construct: kinds, SES's quotas of a rule, and
// recipients that lie inside the domain. Internal.

const PROP = 'inboundMail receiving';

/** The domain a rule receives for: its name, its MAIL FROM domain (if any) and its stack's region. */
export interface ReceivingDomain {
  readonly domainName: string;
  readonly mailFromDomain?: string;
  readonly region: string;
}

/** The checked options: the recipients as the rule lists them, those below the domain, and the TLS policy. */
export interface CheckedReceiving {
  readonly recipients: string[];
  readonly outside: string[];
  readonly tlsPolicy: string;
}

/**
 * The options as the rule uses them, checked; throws naming the prop, the bad value and what is allowed.
 * `outside` lists the recipients below the domain, where the construct publishes no MX.
 */
export function checkReceivingOptions(domain: ReceivingDomain, options: SesReceivingOptions): CheckedReceiving {
  checkOptionsObject(PROP, options, 'an object of SesReceivingOptions ({ actions, ruleSet, ... })');
  checkActions(options.actions);
  checkKind(`${PROP} ruleSet`, options.ruleSet, options.ruleSet instanceof ReceiptRuleSetChoice,
    'ReceiptRuleSetChoice.fromReceiptRuleSet(ruleSet) or ReceiptRuleSetChoice.create()');
  optionalBoolean(`${PROP} scanEnabled`, options.scanEnabled);
  optionalBoolean(`${PROP} allowUnlistedRegion`, options.allowUnlistedRegion);
  return { ...checkRecipients(domain, options.recipients), tlsPolicy: tlsPolicyOf(options) };
}

/** The rule's TLS policy: `tlsPolicy`, or the deprecated `tlsRequired`; both only if they agree. */
function tlsPolicyOf(options: SesReceivingOptions): string {
  const required = optionalBoolean(`${PROP} tlsRequired`, options.tlsRequired);
  checkOneOf(`${PROP} tlsPolicy`, options.tlsPolicy, enumValues('ses.TlsPolicy', ses.TlsPolicy));
  const fromRequired = required === undefined ? undefined : required ? ses.TlsPolicy.REQUIRE : ses.TlsPolicy.OPTIONAL;
  const policy = options.tlsPolicy;
  if (policy !== undefined && fromRequired !== undefined && !Token.isUnresolved(policy) && policy !== fromRequired) {
    throw new Error(`${PROP} tlsPolicy is '${policy}' and tlsRequired is ${required}, which means '${fromRequired}': they disagree. `
      + 'Give only tlsPolicy (tlsRequired is deprecated)');
  }
  return policy ?? fromRequired ?? ses.TlsPolicy.OPTIONAL;
}

/** What `actions` accepts, for messages. */
const ACTIONS = 'ReceivingAction.s3(...), .sns(...), .lambda(...) or another ses.IReceiptRuleAction (aws-ses-actions: new actions.AddHeader(...), new actions.Bounce(...), new actions.Stop(), ...)';

function checkActions(actions: unknown): void {
  const prop = `${PROP} actions`;
  checkKind(prop, actions, Array.isArray(actions), `a list of ${ACTIONS}`);
  const list = actions as unknown[];
  if (list.length === 0) {
    throw new Error(`${prop} must list at least one action (${ACTIONS})`);
  }
  // SES quotas: at most 10 actions per receipt rule (limits.ts).
  if (list.length > SES_ACTIONS_PER_RULE) {
    throw new Error(`${prop} lists ${list.length} actions; SES allows at most ${SES_ACTIONS_PER_RULE} per receipt rule`);
  }
  // By shape: an action of another copy of aws-cdk-lib is an ses.IReceiptRuleAction too.
  list.forEach((a, i) => checkKind(`${prop}[${i}]`, a, typeof (a as Partial<ses.IReceiptRuleAction> | null)?.bind === 'function', ACTIONS));
}

/** A recipient as SES receives it, and where its mail must arrive. */
interface Recipient {
  /** As the rule lists it: the domain part lower case, punycode, without a trailing dot. */
  readonly value: string;
  /** The domain the mail is addressed to, or its parent for `.<domain>` (every subdomain). */
  readonly domain: string;
  /** True for `.<domain>`: every subdomain of it. */
  readonly everySubdomain: boolean;
}

/**
 * The recipients the rule matches: by default the domain (every address of it). Each entry is an
 * address (`info@example.com`), the domain or a subdomain (`example.com`, `sub.example.com`), or
 * `.example.com` for every subdomain, as SES reads them, and must lie inside the domain. A list token
 * passes unchecked, and so does an entry that is a token.
 */
function checkRecipients(domain: ReceivingDomain, recipients: string[] | undefined): { recipients: string[]; outside: string[] } {
  const domainName = domain.domainName;
  if (recipients === undefined) return { recipients: [domainName], outside: [] };
  const prop = `${PROP} recipients`;
  if (Token.isUnresolved(recipients)) return { recipients, outside: [] };
  const list = listOf(prop, recipients);
  if (list.length === 0) {
    throw new Error(`${prop} must list at least one address or domain, got an empty list; leave it out to receive for every address of ${domainName}`);
  }
  // SES quotas: at most 500 recipients per receipt rule (limits.ts).
  if (list.length > SES_RECIPIENTS_PER_RULE) {
    throw new Error(`${prop} lists ${list.length} entries; SES allows at most ${SES_RECIPIENTS_PER_RULE} per receipt rule`);
  }
  const seen = new Map<string, number>();
  const outside: string[] = [];
  const values = list.map((entry, i) => {
    if (Token.isUnresolved(entry)) return entry;
    const recipient = parseRecipient(`${prop}[${i}]`, entry, domainName);
    checkNotMailFrom(`${prop}[${i}]`, entry, recipient, domain);
    const key = recipient.value.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new Error(`${prop}[${i}] '${entry}' repeats recipients[${earlier}]; list each address or domain once`);
    }
    seen.set(key, i);
    // With a token domain name, which recipients lie below it is known only at deploy: no warning.
    if (!Token.isUnresolved(domainName) && (recipient.everySubdomain || recipient.domain !== domainName)) outside.push(`recipients[${i}] '${entry}'`);
    return recipient.value;
  });
  return { recipients: values, outside };
}

/**
 * The MAIL FROM domain's only MX is SES's feedback endpoint (SES developer guide, "Using a custom MAIL
 * FROM domain": MX 10 feedback-smtp.<region>.amazonses.com), which takes bounces and complaints and
 * never applies receipt rules: a rule for an address there, or for the name itself, never fires.
 * `.<domain>` (every subdomain) still serves the other subdomains.
 */
function checkNotMailFrom(prop: string, entry: string, recipient: Recipient, domain: ReceivingDomain): void {
  const mailFrom = domain.mailFromDomain;
  if (mailFrom === undefined || Token.isUnresolved(mailFrom) || recipient.everySubdomain || recipient.domain !== mailFrom) return;
  const label = mailFrom.endsWith(`.${domain.domainName}`) ? mailFrom.slice(0, -domain.domainName.length - 1) : mailFrom;
  throw new Error(`${prop} '${entry}' is at the MAIL FROM domain ${mailFrom} (mailFromSubdomain '${label}'), whose MX is SES's feedback endpoint `
    + `feedback-smtp.${domain.region}.amazonses.com: mail to it never reaches a receipt rule. Receive at another address, or choose another mailFromSubdomain`);
}

/** The recipient as SES reads it; throws unless it is well formed and inside the domain. */
function parseRecipient(prop: string, recipient: string, domainName: string): Recipient {
  const address = recipient.includes('@') ? parseMailAddress(prop, recipient, { example: `info@${domainName}` }) : undefined;
  const everySubdomain = address === undefined && recipient.startsWith('.');
  const domain = address?.domain ?? normalizeDomainName(prop, recipient.replace(/^\./, ''));
  if (!Token.isUnresolved(domainName) && !isWithin(domain, domainName)) {
    throw new Error(`${prop} must be an address or domain inside ${domainName} ('info@${domainName}', '${domainName}', 'sub.${domainName}', `
      + `or '.${domainName}' for every subdomain), got '${recipient}'; another domain gets its own VerifiedMailDomain`);
  }
  const value = address ? `${address.localPart}@${domain}` : `${everySubdomain ? '.' : ''}${domain}`;
  return { value, domain, everySubdomain };
}
