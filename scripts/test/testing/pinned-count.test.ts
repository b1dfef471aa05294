import { describe, expect, it } from "vitest";
import { expectPinnedCount } from "../../src/testing/pinned-count.js";

describe("expectPinnedCount", () => {
  it("passes when the spec still documents the pinned number", () => {
    expect(() => expectPinnedCount("gpt-gob", "codes", ["a", "b"], 2)).not.toThrow();
  });

  it.each([
    ["one more", ["a", "b", "c"], "now documents 3 codes (a, b, c) and this test pins 2. If the spec gained or lost one on purpose, change 2 to 3 here in the same PR"],
    ["one fewer", ["a"], "now documents 1 codes (a) and this test pins 2"],
  ])("fails on %s, saying which number to edit", (_name, values, want) => {
    expect(() => expectPinnedCount("gpt-gob", "codes", values, 2)).toThrow(`specs/gpt-gob/openapi.yaml ${want}`);
  });
});
