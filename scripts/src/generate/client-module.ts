import type { ClientSetup } from "./client-setup.js";
import { literalUnion, pascalCase } from "./names.js";

/** createClient and parseError, bound to the spec's paths, catalog, server and auth. */
export function clientModule(provider: string, setup: ClientSetup): string {
  const name = pascalCase(provider);
  const variables = Object.values(setup.server.variables ?? {}).map((v) => v.option);
  const schemes = Object.keys(setup.authSchemes);
  const serverOptions = variables.length
    ? `\n  /** Fills the server URL ${JSON.stringify(setup.server.url)}. Required unless baseUrl is given. */\n${variables.map((v) => `  ${v}?: string;`).join("\n")}`
    : "";
  const authOption =
    schemes.length > 1
      ? `\n  /** Which documented way to send the key. Default ${JSON.stringify(schemes[0])}. */\n  authScheme?: ${literalUnion(schemes)};`
      : "";
  return `import createFetchClient from "openapi-fetch";
import { parseErrorWith, type ParseErrorOptions, type ResponseLike } from "@errata/retry-policy";
import {
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
  type ProviderClientSetup,
} from "@errata/retry-policy/openapi-fetch";
import type { paths } from "./openapi.js";
import { createStreamingClient, type StreamingProviderClient } from "@errata/retry-policy/openapi-fetch";
import { streamFormats, type ${name}Streams } from "./stream.js";
import { errorCatalog, provider, type ${name}Error, type ${name}ErrorCode, type ${name}ErrorType } from "./catalog.js";

const setup: ProviderClientSetup = {
  catalog: errorCatalog,
  server: ${JSON.stringify(setup.server)},
  authSchemes: ${JSON.stringify(setup.authSchemes)},
  createFetchClient,
};

/** The spec's server URL${variables.length ? " template" : ""}. */
export const defaultBaseUrl = ${JSON.stringify(setup.server.url)};

export interface ClientOptions extends Omit<ProviderClientOptions, "authScheme"> {${serverOptions}${authOption}
}

/** A typed ${provider} client: openapi-fetch's methods, \`stream\` for the documented streams, and every failure as a ${name}Error. */
export type ${name}Client = StreamingProviderClient<paths, ${name}Streams, ${name}Error>;

/** Creates a ${provider} client. Failures are returned as \`error\`, never thrown; invalid options throw. */
export function createClient(options: ClientOptions = {}): ${name}Client {
  return createStreamingClient<paths, ${name}Streams, ${name}Error>(setup, streamFormats, options);
}

/** Classifies any ${provider} response (from any HTTP stack); undefined when it is a success. */
export function parseError(input: ResponseLike, options?: ParseErrorOptions): ${name}Error | undefined {
  return parseErrorWith<typeof provider, ${name}ErrorType, ${name}ErrorCode>(errorCatalog, input, options);
}
`;
}
