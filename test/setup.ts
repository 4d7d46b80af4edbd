// Jest setup (setupFilesAfterEnv): every template a test reads through `Template.fromStack` is also
// checked for the limits in test/invariants.ts, so no test can synthesize a template AWS would refuse
// without failing.
import { Template } from 'aws-cdk-lib/assertions';
import { templateViolations } from './invariants';

const fromStack = Template.fromStack.bind(Template);
Template.fromStack = (stack, templateParsingOptions) => {
  const template = fromStack(stack, templateParsingOptions);
  const problems = templateViolations(template.toJSON());
  if (problems.length > 0) {
    throw new Error(`The template of ${stack.node.path} breaks limits AWS enforces at deploy:\n${problems.join('\n')}`);
  }
  return template;
};
