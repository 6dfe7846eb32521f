/** The flow model: parse and validate Kestra flow YAML. */
export { describeIssue, type FlowIssue, formatPath, type IssueCode } from "./issues.js";
export type { Flow, FlowOutput, Label, Listener, PluginInstance, Task, Trigger } from "./model.js";
export { type ParseOptions, type ParseResult, parseFlow, parseFlows } from "./parse.js";
export { MAX_DEPTH, MAX_SOURCE_BYTES } from "./source.js";
