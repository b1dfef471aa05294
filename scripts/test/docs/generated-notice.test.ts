import { describe, expect, it } from "vitest";
import { withGeneratedNotice } from "../../src/docs/generated-notice.js";

const NOTICE = "<!-- GENERATED from specs/acme/openapi.yaml by scripts/src/docs. DO NOT EDIT. Change the spec and run `pnpm docs`. -->\n";

describe("withGeneratedNotice: the docs page says it is generated", () => {
  it.each<[string, { given: string; want: string }]>([
    ["right after the doctype", { given: '<!DOCTYPE html>\n<html lang="en"><head></head></html>', want: `<!DOCTYPE html>\n${NOTICE}<html lang="en"><head></head></html>` }],
    ["any case of the doctype", { given: "<!doctype html><html></html>", want: `<!doctype html>${NOTICE}<html></html>` }],
    ["at the start of a page without one", { given: "<html></html>", want: `${NOTICE}<html></html>` }],
  ])("%s", (_name, { given, want }) => {
    expect(withGeneratedNotice(given, "acme")).toBe(want);
  });
});
