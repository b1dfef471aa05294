import openapiTS, { astToString } from "openapi-typescript";
import { pathToFileURL } from "node:url";
import { specPath } from "../spec.js";

/** openapi-typescript's `paths`/`components` types for the spec. */
export async function generateTypes(provider: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath(provider)), {
    // Request fields with a documented default stay optional for the caller.
    defaultNonNullable: false,
    alphabetize: false,
    silent: true,
  });
  return astToString(ast);
}
