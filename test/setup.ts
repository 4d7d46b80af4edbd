// Jest setup (setupFilesAfterEnv): every template the suite synthesizes, through `Template.fromStack`
// or `app.synth()`, is also checked for the limits in test/helpers/invariants.ts, so no test can synthesize a
// template AWS would refuse without failing.
import { Stage } from 'aws-cdk-lib';
import { templateViolations } from './helpers/invariants';

const synth = Stage.prototype.synth;
Stage.prototype.synth = function checkedSynth(this: Stage, options) {
  const assembly = synth.call(this, options);
  for (const stack of assembly.stacksRecursively) {
    const problems = templateViolations(stack.template);
    if (problems.length > 0) {
      throw new Error(`The template of ${stack.stackName} breaks limits AWS enforces at deploy:\n${problems.join('\n')}`);
    }
  }
  return assembly;
};
