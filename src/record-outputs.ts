import { CfnOutput, Lazy, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { markPurpose } from './app-checks';
import { DOMAINS_PER_OUTPUT } from './limits';
import { MailDnsRecord, renderZoneFileLines } from './records';
import { writeDomainBlock } from './zone-file';

// The records after deploy, as CloudFormation outputs: per stack, outputs of up to eight domains each,
// every domain a block `; <domain>` and its records in zone-file syntax. A domain without a hosted zone
// (or with recordOutputs) lists every record, so they can be handed to another DNS provider; a domain
// in a hosted zone lists only what is known only after deploy, the Easy DKIM records, so that
// `cdk-verified-mail-domain check --outputs` can compare them. Eight domains an output keep a stack of
// 500 domains at 63 outputs, within CloudFormation's 200.


/** The stack's record outputs: a child of the stack, made by the first domain that needs it. */
class StackRecordOutputs extends Construct {
  private readonly blocks: string[][] = [];
  private readonly outputs: CfnOutput[] = [];

  /** Adds a domain's block and returns the output that holds it. */
  public add(domainName: string, records: MailDnsRecord[]): CfnOutput {
    const index = this.blocks.length;
    const block = writeDomainBlock(domainName, records.flatMap(renderZoneFileLines));
    this.blocks.push(block);
    const outputIndex = Math.floor(index / DOMAINS_PER_OUTPUT);
    if (!this.outputs[outputIndex]) {
      const first = outputIndex * DOMAINS_PER_OUTPUT;
      const output = new CfnOutput(this, `Output${outputIndex + 1}`, {
        description: 'DNS records of VerifiedMailDomain domains in zone-file syntax, for another DNS provider and cdk-verified-mail-domain check',
        value: Lazy.string({ produce: () => this.blocks.slice(first, first + DOMAINS_PER_OUTPUT).flat().join('\n') }),
      });
      markPurpose(output, 'DNS records after deploy');
      this.outputs[outputIndex] = output;
    }
    return this.outputs[outputIndex];
  }
}

const ID = 'VerifiedMailDomainRecords';

/** Adds the domain's records to its stack's record outputs; returns the output's logical id. */
export function addRecordOutput(scope: IConstruct, domainName: string, records: MailDnsRecord[]): string {
  const stack = Stack.of(scope);
  const outputs = (stack.node.tryFindChild(ID) as StackRecordOutputs | undefined) ?? new StackRecordOutputs(stack, ID);
  return stack.resolve(outputs.add(domainName, records).logicalId);
}
