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

// src/waiter/is-complete.lambda.ts
var is_complete_lambda_exports = {};
__export(is_complete_lambda_exports, {
  handler: () => handler,
  isComplete: () => isComplete
});
module.exports = __toCommonJS(is_complete_lambda_exports);
var import_client_sesv2 = require("@aws-sdk/client-sesv2");

// src/waiter/protocol.ts
function judge(props, status, now, deadline) {
  const dkim = status.DkimAttributes?.Status ?? "NOT_STARTED";
  const mailFrom = props.MailFromDomain ? status.MailFromAttributes?.MailFromDomainStatus ?? "NOT_STARTED" : "SUCCESS";
  const sending = status.VerifiedForSendingStatus === true;
  if (sending && dkim === "SUCCESS" && mailFrom === "SUCCESS") {
    return { done: true };
  }
  const failed = dkim === "FAILED" || mailFrom === "FAILED";
  const timedOut = now.getTime() >= deadline.getTime();
  if (!failed && !timedOut) {
    return { done: false };
  }
  const problems = [];
  if (dkim !== "SUCCESS" || !sending) {
    problems.push(`DKIM status ${dkim}: SES has not found ${plural(props.DkimRecords.length, "this record", "these records")}:
${indent(props.DkimRecords)}`);
  }
  if (mailFrom !== "SUCCESS") {
    problems.push(`MAIL FROM ${props.MailFromDomain} status ${mailFrom}: SES has not found this record:
${indent(props.MailFromRecords)}`);
  }
  const why = failed ? "SES reports the verification FAILED" : `SES has not verified it within ${spell(Number(props.TimeoutSeconds))}`;
  const info = status.VerificationInfo?.ErrorType ? ` (SES's last DNS check: ${status.VerificationInfo.ErrorType})` : "";
  const failure = [
    `Domain ${props.IdentityName} is not verified for sending: ${why}${info}.`,
    ...problems,
    "Check that the records resolve in public DNS (dig +short <name> <type>) and that the domain's NS records point to the zone that holds them."
  ].join("\n");
  return { done: false, failure };
}
function indent(lines) {
  return lines.map((l) => `  ${l}`).join("\n");
}
function spell(seconds) {
  return seconds < 120 ? `${seconds} ${plural(seconds, "second", "seconds")}` : `${Math.round(seconds / 60)} minutes`;
}
function plural(n, one, many) {
  return n === 1 ? one : many;
}

// src/waiter/is-complete.lambda.ts
var defaultReader;
function sesReader() {
  if (!defaultReader) {
    const client = new import_client_sesv2.SESv2Client({});
    defaultReader = {
      getEmailIdentity: (name) => client.send(new import_client_sesv2.GetEmailIdentityCommand({ EmailIdentity: name }))
    };
  }
  return defaultReader;
}
async function handler(event) {
  return isComplete(event, sesReader(), /* @__PURE__ */ new Date());
}
async function isComplete(event, reader, now) {
  if (event.RequestType === "Delete") {
    return { IsComplete: true };
  }
  const props = event.ResourceProperties;
  const deadlineText = event.Data?.WaitDeadline;
  const deadline = deadlineText ? new Date(deadlineText) : /* @__PURE__ */ new Date(NaN);
  if (Number.isNaN(deadline.getTime())) {
    throw new Error(`The verification wait of ${props.IdentityName} has no deadline (Data.WaitDeadline is '${deadlineText}'); the onEvent handler sets it`);
  }
  const status = await reader.getEmailIdentity(props.IdentityName);
  const verdict = judge(props, status, now, deadline);
  if (verdict.done) {
    return { IsComplete: true };
  }
  if (verdict.failure) {
    throw new Error(verdict.failure);
  }
  console.log(JSON.stringify({
    identity: props.IdentityName,
    verifiedForSending: status.VerifiedForSendingStatus,
    dkim: status.DkimAttributes?.Status,
    mailFrom: status.MailFromAttributes?.MailFromDomainStatus,
    deadline: deadlineText
  }));
  return { IsComplete: false };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler,
  isComplete
});
