export { errorExamples, responseExamples, schemaEnum, type SpecExample } from "./spec-examples.js";
export { startTestServer, type RecordedRequest, type Reply, type TestServer } from "./test-server.js";
export { loadSpec } from "../spec.js";
export { jsonReply, sseData, sseEvent, startSseServer, type RecordedSseRequest, type SseReply, type SseServer, type SseStep } from "./sse-server.js";
export { clientHarness } from "./client-harness.js";
export { consumeStream, errorRenderings } from "./assertions.js";
export { describeSpecContract, type ContractPackage, type SpecContract } from "./contract-suite.js";
export { secretLeaks } from "./secrets.js";
export { sendThrough, transportFailures, type TransportFailure, type TransportFailureName, type TransportHarness, type TransportOutcome } from "./transport-failures.js";
