import { describe, expect, it } from "vitest";
import { packagesNamed } from "../../src/changesets/front-matter.js";

describe("packagesNamed", () => {
  it.each([
    ["one package", '---\n"@errata/gpt-gob": patch\n---\n\nText.\n', ["@errata/gpt-gob"]],
    ["several, quoted either way or not at all", "---\n\"@errata/a15t\": minor\n'@errata/gpt-gob': patch\n'@errata/modelslab': major\n---\nText.", ["@errata/a15t", "@errata/gpt-gob", "@errata/modelslab"]],
    ["CRLF line ends", '---\r\n"@errata/a15t": patch\r\n---\r\nText.\r\n', ["@errata/a15t"]],
    ["an empty changeset (pnpm changeset --empty)", "---\n---\n", []],
    ["a --- rule in the text is not front matter", '---\n"@errata/a15t": patch\n---\n\nBefore.\n\n---\n\nAfter.\n', ["@errata/a15t"]],
  ])("%s", (_name, text, want) => {
    expect(packagesNamed(text, "x.md")).toEqual(want);
  });

  it.each([
    ["no front matter", "Just text.\n", /x\.md: not a changeset/],
    ["front matter further down", "Title\n---\n\"@errata/a15t\": patch\n---\n", /x\.md: not a changeset/],
    ["an unknown bump", '---\n"@errata/a15t": big\n---\n', /x\.md: "@errata\/a15t" has bump "big"/],
    ["a list instead of a map", '---\n- "@errata/a15t"\n---\n', /x\.md: the front matter must map/],
  ])("rejects %s", (_name, text, want) => {
    expect(() => packagesNamed(text, "x.md")).toThrow(want);
  });
});
