import { errorRenderings } from "./assertions.js";

/**
 * The renderings of an error (message, JSON, inspect, String, stack) that show the secret: `[]` when
 * it is hidden everywhere. Asserting `toEqual([])` names the rendering that leaked when one does.
 */
export function secretLeaks(error: unknown, secret: string): string[] {
  return errorRenderings(error).filter((text) => text.includes(secret));
}
