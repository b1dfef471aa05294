import { describe, expect, it } from "vitest";
import { rootRule } from "../../redocly-plugin/lib/rule.js";

type Location = { absolutePointer: string; reportOnKey?: boolean };
type Reporter = { report(message: string, location: Location): void };

const at = (pointer: string, reportOnKey = false): Location => ({ absolutePointer: `file.yaml${pointer}`, reportOnKey });

/** Runs a rule built by rootRule on `root` with a stand-in for redocly's context; returns what it reported. */
function run(check: (root: unknown, ctx: unknown, r: Reporter) => void, root: unknown = {}) {
  const reports: { message: string; location: Location }[] = [];
  const ctx = { location: at("#/"), report: (problem: { message: string; location: Location }) => reports.push(problem) };
  rootRule("some-rule", check)().Root.leave(root, ctx);
  return { reports, ctx };
}

describe("rootRule", () => {
  it("runs the check once on the document root, with redocly's context", () => {
    const seen: unknown[][] = [];
    const root = { openapi: "3.1.0" };
    const { ctx } = run((given, context) => seen.push([given, context]), root);
    expect(seen).toEqual([[root, ctx]]);
  });

  it("reports the same message at the same place once", () => {
    const { reports } = run((_root, _ctx, r) => {
      r.report("twice", at("#/a"));
      r.report("twice", at("#/a"));
      r.report("twice", at("#/a", true));
      r.report("other", at("#/a"));
    });
    expect(reports).toEqual([
      { message: "twice", location: at("#/a") },
      { message: "twice", location: at("#/a", true) },
      { message: "other", location: at("#/a") },
    ]);
  });

  it("turns a bug in the check into one report naming the rule, keeping what it reported before", () => {
    const { reports, ctx } = run((_root, _ctx, r) => {
      r.report("before", at("#/x"));
      throw new TypeError("boom");
    });
    expect(reports).toEqual([
      { message: "before", location: at("#/x") },
      { message: "errata/some-rule failed on this document (a bug in the rule, please report it): boom", location: ctx.location },
    ]);
  });
});
