// How every errata rule runs: once per document, from `Root.leave` (document.js says why), with its
// reports deduplicated and a bug in it turned into one report.

/**
 * Wraps a rule's report so that the same message at the same place is reported once (a shared
 * component reached from several operations), and so that a bug in the rule becomes one report
 * instead of an exception, which would discard every finding of every rule for the file.
 */
export function reporter(ctx, ruleId) {
  const seen = new Set();
  return {
    report(message, location) {
      const id = `${location.absolutePointer}|${location.reportOnKey ? "key" : ""}|${message}`;
      if (seen.has(id)) return;
      seen.add(id);
      ctx.report({ message, location });
    },
    guard(fn) {
      try {
        fn();
      } catch (error) {
        ctx.report({
          message: `errata/${ruleId} failed on this document (a bug in the rule, please report it): ${error instanceof Error ? error.message : String(error)}`,
          location: ctx.location,
        });
      }
    },
  };
}

/**
 * The rule `errata/<id>`, as redocly wants it (a function returning visitors): `check(root, ctx, r)`
 * runs on the whole document once and reports through `r.report(message, location)`.
 */
export function rootRule(id, check) {
  return function rule() {
    return {
      Root: {
        leave(root, ctx) {
          const r = reporter(ctx, id);
          r.guard(() => check(root, ctx, r));
        },
      },
    };
  };
}
