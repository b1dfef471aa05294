import { expect } from "vitest";

/**
 * A count a provider's test pins on purpose: the shared suite keeps catalog, schema and examples in
 * step, but not an error dropped from all three at once. When the spec changes the count on purpose,
 * the failure says which one number to edit.
 */
export function expectPinnedCount(provider: string, what: string, values: readonly unknown[], pinned: number): void {
  const now = values.length;
  expect(
    now,
    `specs/${provider}/openapi.yaml now documents ${now} ${what} (${values.join(", ")}) and this test pins ${pinned}. ` +
      `If the spec gained or lost one on purpose, change ${pinned} to ${now} here in the same PR; if not, one was lost by accident`,
  ).toBe(pinned);
}
