import { describe, expect, it } from "vitest";
import { clientModule } from "../../src/generate/client-module.js";
import type { ClientSetup } from "../../src/generate/client-setup.js";
import { generateFiles } from "../../src/generate/index.js";

const header: ClientSetup = { server: { url: "https://x" }, authSchemes: { bearer: { in: "header", name: "Authorization", scheme: "Bearer" } } };
const body: ClientSetup = { server: { url: "https://x" }, authSchemes: { body: { in: "body", name: "key" } } };
const inBand = { path: "status", errorValues: ["error", "failed"] };

describe("the paths the client is built on (x-errata-auth, x-errata inBand)", () => {
  it.each([
    ["header auth, no in-band errors: the spec's paths", { given: [header, undefined], want: undefined }],
    ["key in the body", { given: [body, undefined], want: 'WithBodyKeyOptional<paths, "key">' }],
    ["in-band errors", { given: [header, inBand], want: 'WithoutInBandErrors<paths, "status", "error" | "failed">' }],
    ["both", { given: [body, inBand], want: 'WithoutInBandErrors<WithBodyKeyOptional<paths, "key">, "status", "error" | "failed">' }],
  ] as const)("%s", (_name, { given: [setup, band], want }) => {
    const text = clientModule("p", setup, band);
    if (want === undefined) {
      expect(text).not.toContain("ClientPaths");
      expect(text.match(/<paths, /g)).toHaveLength(2); // the client type and createClient
    } else {
      expect(text).toContain(`export type ClientPaths = ${want};`);
      expect(text.match(/<ClientPaths, /g)).toHaveLength(2);
      expect(text).not.toMatch(/Client<paths, /);
      for (const helper of want.match(/With\w+/g)!) expect(text).toContain(`  type ${helper},\n`);
    }
  });

  it("is used for ModelsLab, whose spec has both, and not for GPT Gob", async () => {
    expect((await generateFiles("modelslab"))["client.ts"]).toContain(
      'export type ClientPaths = WithoutInBandErrors<WithBodyKeyOptional<paths, "key">, "status", "error" | "failed">;',
    );
    expect((await generateFiles("gpt-gob"))["client.ts"]).not.toContain("ClientPaths");
  });
});
