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

// src/waiter/on-event.lambda.ts
var on_event_lambda_exports = {};
__export(on_event_lambda_exports, {
  handler: () => handler,
  onEvent: () => onEvent
});
module.exports = __toCommonJS(on_event_lambda_exports);
async function handler(event) {
  return onEvent(event, /* @__PURE__ */ new Date());
}
function onEvent(event, now) {
  const props = event.ResourceProperties;
  if (event.RequestType === "Delete") {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const timeoutMs = Number(props.TimeoutSeconds) * 1e3;
  return {
    // One physical id per identity: a new domain replaces the resource, and the old one's Delete is a no-op.
    PhysicalResourceId: `ses-verification:${props.IdentityName}`,
    Data: {
      WaitStarted: now.toISOString(),
      WaitDeadline: new Date(now.getTime() + timeoutMs).toISOString()
    }
  };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler,
  onEvent
});
