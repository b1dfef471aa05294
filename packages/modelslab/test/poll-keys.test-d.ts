import { describe, expectTypeOf, it } from "vitest";
import { POLL_KEYS, type PollOptions } from "../src/poll-until-done.js";

// pollUntilDone refuses a key POLL_KEYS lacks: an option added to PollOptions must be listed too.
describe("POLL_KEYS", () => {
  it("holds every key of PollOptions", () => {
    expectTypeOf<(typeof POLL_KEYS)[number]>().toEqualTypeOf<keyof PollOptions>();
  });
});
