"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/receiving/activate.lambda.ts
var activate_lambda_exports = {};
__export(activate_lambda_exports, {
  handler: () => handler,
  onEvent: () => onEvent
});
module.exports = __toCommonJS(activate_lambda_exports);
var import_client_ses = require("@aws-sdk/client-ses");

// src/receiving/activation.ts
function physicalResourceId(ruleSetName) {
  return `active-receipt-rule-set:${ruleSetName}`;
}
function refusal(active, ours) {
  return `The receipt rule set '${active}' is active in this account and region; activating '${ours}' would stop it receiving mail. Add this domain's rule to it instead (ReceiptRuleSetChoice.fromReceiptRuleSet(ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', '${active}'))), deactivate it first, or set replaceActive: true`;
}
function decide(event, active) {
  const ours = event.ResourceProperties.RuleSetName;
  if (event.RequestType === "Delete") {
    const result2 = { PhysicalResourceId: event.PhysicalResourceId };
    return active !== void 0 && active === ours ? { action: "deactivate", result: result2 } : { action: "none", result: result2 };
  }
  if (!ours) {
    return { action: "refuse", error: `The receipt rule set activation has no RuleSetName (got '${ours}')` };
  }
  const result = { PhysicalResourceId: physicalResourceId(ours), Data: { PreviouslyActive: active ?? "" } };
  if (active === ours) {
    return { action: "none", result };
  }
  const previouslyOurs = event.RequestType === "Update" && active === event.OldResourceProperties?.RuleSetName;
  if (active !== void 0 && !previouslyOurs && event.ResourceProperties.ReplaceActive !== "true") {
    return { action: "refuse", error: refusal(active, ours) };
  }
  return { action: "activate", ruleSetName: ours, result };
}

// src/receiving/activate.lambda.ts
var defaultClient;
async function handler(event) {
  defaultClient ??= new import_client_ses.SESClient({});
  return onEvent(event, defaultClient);
}
async function onEvent(event, client) {
  const described = await client.send(new import_client_ses.DescribeActiveReceiptRuleSetCommand({}));
  const active = described.Metadata?.Name || void 0;
  const decision = decide(event, active);
  console.log(JSON.stringify({
    requestType: event.RequestType,
    ruleSet: event.ResourceProperties.RuleSetName,
    previouslyActive: active ?? "",
    action: decision.action
  }));
  switch (decision.action) {
    case "refuse":
      throw new Error(decision.error);
    case "activate":
      await client.send(new import_client_ses.SetActiveReceiptRuleSetCommand({ RuleSetName: decision.ruleSetName }));
      return decision.result;
    case "deactivate":
      await client.send(new import_client_ses.SetActiveReceiptRuleSetCommand({}));
      return decision.result;
    case "none":
      return decision.result;
  }
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler,
  onEvent
});
