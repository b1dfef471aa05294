import type { ErrorFormat } from "../catalog.js";
import type { ClientSetup } from "./client-setup.js";
import { literalUnion, pascalCase } from "./names.js";

/**
 * The type the client is built on: the spec's `paths`, or a view of them when the key travels in the
 * body (x-errata-auth) or 2xx bodies can be errors (x-errata inBand). Empty `declaration` when neither.
 */
function clientPaths(setup: ClientSetup, inBand: ErrorFormat["inBand"]): { type: string; imports: string[]; declaration: string } {
  const bodyKeys = [...new Set(Object.values(setup.authSchemes).flatMap((a) => (a.in === "body" ? [a.name] : [])))];
  let type = "paths";
  const imports: string[] = [];
  const notes: string[] = [];
  if (bodyKeys.length > 0) {
    type = `WithBodyKeyOptional<${type}, ${literalUnion(bodyKeys)}>`;
    imports.push("type WithBodyKeyOptional");
    notes.push(` * - the request body property ${bodyKeys.map((k) => JSON.stringify(k)).join(", ")} is optional: the client fills it from \`apiKey\` (x-errata-auth);`);
  }
  if (inBand) {
    type = `WithoutInBandErrors<${type}, ${JSON.stringify(inBand.path)}, ${literalUnion(inBand.errorValues)}>`;
    imports.push("type WithoutInBandErrors");
    notes.push(` * - a 2xx body whose \`${inBand.path}\` is ${inBand.errorValues.map((v) => JSON.stringify(v)).join(" or ")} is returned as \`error\`, never as \`data\` (x-errata inBand).`);
  }
  if (notes.length === 0) return { type, imports, declaration: "" };
  return {
    type: "ClientPaths",
    imports,
    declaration: `/**\n * The spec's paths as this client takes and returns them:\n${notes.join("\n")}\n */\nexport type ClientPaths = ${type};\n\n`,
  };
}

/** createClient and parseError, bound to the spec's paths, catalog, server and auth. */
export function clientModule(provider: string, setup: ClientSetup, inBand?: ErrorFormat["inBand"], hasStreams = true): string {
  const name = pascalCase(provider);
  // A spec without streams gets the plain client: no `stream()` that no path could satisfy, and no
  // streaming facade in the bundle.
  const make = hasStreams
    ? { fn: "createStreamingClient", type: "StreamingProviderClient", options: "StreamingClientOptions", args: "setup, streamFormats, options", generics: `, ${name}Streams` }
    : { fn: "createProviderClient", type: "ProviderClient", options: "ProviderClientOptions", args: "setup, options", generics: "" };
  const view = clientPaths(setup, inBand);
  const variables = Object.values(setup.server.variables ?? {}).map((v) => v.option);
  const schemes = Object.keys(setup.authSchemes);
  const serverOptions = variables.length
    ? `\n  /** Fills the server URL ${JSON.stringify(setup.server.url)}. Required unless baseUrl is given. */\n${variables.map((v) => `  ${v}?: string | undefined;`).join("\n")}`
    : "";
  const authOption =
    schemes.length > 1
      ? `\n  /** Which documented way to send the key. Default ${JSON.stringify(schemes[0])}. */\n  authScheme?: ${literalUnion(schemes)} | undefined;`
      : "";
  return `import createFetchClient, { defaultBodySerializer } from "openapi-fetch";
import { parseErrorWith, type ParseErrorOptions, type ResponseLike } from "@errata/retry-policy";
import {
  ${make.fn},
  type ${make.options},
  type ProviderClientSetup,
  type ${make.type},${view.imports.map((i) => `\n  ${i},`).join("")}
} from "@errata/retry-policy/openapi-fetch";
import type { paths } from "./openapi.js";
${hasStreams ? `import { streamFormats, type ${name}Streams } from "./stream.js";\n` : ""}import { errorRules, provider, type ${name}Error, type ${name}ErrorCode, type ${name}ErrorType } from "./catalog.js";

const setup: ProviderClientSetup = {
  catalog: errorRules,
  server: ${JSON.stringify(setup.server)},
  authSchemes: ${JSON.stringify(setup.authSchemes)},${setup.operations ? `\n  operations: ${JSON.stringify(setup.operations)},` : ""}
  createFetchClient,
  defaultBodySerializer,
};

/** The spec's server URL${variables.length ? " template" : ""}. */
export const defaultBaseUrl = ${JSON.stringify(setup.server.url)};

${view.declaration}${
    serverOptions || authOption
      ? `export interface ClientOptions extends Omit<${make.options}, "authScheme"> {${serverOptions}${authOption}\n}`
      : `export type ClientOptions = Omit<${make.options}, "authScheme">;`
  }

/** A typed ${provider} client: openapi-fetch's methods${hasStreams ? ", \`stream\` for the documented streams," : ""} and every failure as a ${name}Error. */
export type ${name}Client = ${make.type}<${view.type}${make.generics}, ${name}Error>;

/** Creates a ${provider} client. Failures are returned as \`error\`, never thrown; invalid options throw. */
export function createClient(options: ClientOptions = {}): ${name}Client {
  return ${make.fn}<${view.type}${make.generics}, ${name}Error>(${make.args});
}

/**
 * Classifies any ${provider} response (from any HTTP stack); undefined when it is a success. \`body\` is
 * the text, bytes or parsed JSON: from fetch, \`body: await response.text()\` (a stream throws).
 */
export function parseError(input: ResponseLike, options?: ParseErrorOptions): ${name}Error | undefined {
  // The cast only narrows type/code to undefined where the errorFormat has no path for them.
  return parseErrorWith<typeof provider, ${name}ErrorType, ${name}ErrorCode>(errorRules, input, options) as ${name}Error | undefined;
}
`;
}
