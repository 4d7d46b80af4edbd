import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { markPurpose } from './app-checks';
import { MailDnsRecord, renderZoneFileLines } from './records';

/**
 * One CloudFormation output per domain, `Records`, its value every record in zone-file syntax (one
 * line per value), so that the records, the Easy DKIM tokens included, can be handed to another DNS
 * provider after deploy. One output per domain keeps a stack of domains without a zone within
 * CloudFormation's 200 outputs (the app-wide check counts them).
 */
export function addRecordOutput(scope: Construct, domainName: string, records: MailDnsRecord[]): CfnOutput {
  const output = new CfnOutput(scope, 'Records', {
    description: `DNS records of ${domainName} to publish, in zone-file syntax`,
    value: records.flatMap(renderZoneFileLines).join('\n'),
  });
  markPurpose(output, `DNS records of ${domainName}`);
  return output;
}
