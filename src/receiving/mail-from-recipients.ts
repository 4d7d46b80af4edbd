import { Stack, Token } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { IConstruct } from 'constructs';
import { domainMarkOf } from '../app-marks';

// A receipt rule for a MAIL FROM domain of another VerifiedMailDomain of the app (a second region's
// `bounce-us-east-1.example.org`, say) never fires: that name's only MX is SES's feedback endpoint of
// its region (SES developer guide, "Using a custom MAIL FROM domain"), which takes bounces and
// complaints and applies no receipt rule. A rule for the construct's own MAIL FROM domain is refused
// when it is made (options.ts); this app-wide check covers the others, the user's own rules included.

/** One message per recipient of a receipt rule that lies at a MAIL FROM domain of the app. */
export function mailFromRecipientErrors(constructs: IConstruct[]): Array<{ subject: IConstruct; message: string }> {
  const mailFrom = new Map<string, { owner: string; label: string }>();
  for (const c of constructs) {
    const mark = domainMarkOf(c);
    const domain = mark?.mailFromDomain;
    if (!mark || domain === undefined || Token.isUnresolved(domain) || Token.isUnresolved(mark.domainName)) continue;
    const label = domain.endsWith(`.${mark.domainName}`) ? domain.slice(0, -mark.domainName.length - 1) : domain;
    mailFrom.set(domain.toLowerCase(), { owner: c.node.path, label });
  }
  if (mailFrom.size === 0) return [];
  const errors: Array<{ subject: IConstruct; message: string }> = [];
  for (const rule of constructs.filter((c): c is ses.CfnReceiptRule => c instanceof ses.CfnReceiptRule)) {
    const recipients = (Stack.of(rule).resolve(rule.rule) as { recipients?: unknown } | undefined)?.recipients;
    if (!Array.isArray(recipients)) continue;
    recipients.forEach((recipient: unknown, i) => {
      if (typeof recipient !== 'string' || Token.isUnresolved(recipient) || recipient.startsWith('.')) return;
      const target = mailFrom.get(recipient.slice(recipient.lastIndexOf('@') + 1).replace(/\.$/, '').toLowerCase());
      if (!target) return;
      errors.push({
        subject: rule,
        message: `The receipt rule ${rule.node.path} receives for recipients[${i}] '${recipient}', at the MAIL FROM domain of ${target.owner} `
          + `(mailFromSubdomain '${target.label}'), whose only MX is SES's feedback endpoint: mail to it never reaches a receipt rule. `
          + `Receive at another address, or give ${target.owner} another mailFromSubdomain`,
      });
    });
  }
  return errors;
}
