// The half of every package's contract test that only depends on its spec: each documented error
// through parseError, each catalog entry exercised, successes left alone, enums in step. Provider
// differences come from the spec's errorFormat, never from a branch on the provider here.

import { describe, expect, it } from "vitest";
import { classify, delayHeaders, describeEntry, disagreements, documentedMessage, firstString, inStreamCategory, statedDelayMs, unexampledHeaderSources } from "./catalog-reference.js";
import { loadSpecContract, type SpecContract } from "./spec-contract.js";
import { schemaEnum, type SpecExample } from "./spec-examples.js";

export type { SpecContract };

/** What the suite needs from the package under test. */
export interface ContractPackage {
  parseError: (input: { status: number; headers?: Record<string, string>; body?: unknown }, options?: { inStream?: boolean; now?: () => number }) => unknown;
  /** The generated catalog: its types and codes must be the schema's enums. */
  errorCatalog: { readonly errors: readonly object[] };
  /** Passed in: @errata/scripts cannot depend on @errata/retry-policy, which depends on it. */
  ProviderError: abstract new (...args: never[]) => unknown;
  /** The components.schemas entry whose properties carry the type and code enums; "Error" by default. */
  errorSchema?: string;
}

/** The fields the suite reads off a ProviderError. */
interface ParsedError {
  message: string;
  retryAfterMs?: number;
}

const REQUEST_ID = "req_contract";
/** The clock for HTTP-date delay headers: before any date a spec would show, so they are all ahead. */
const NOW = Date.UTC(2000, 0, 1);

const sortedUnique = (values: unknown[]) => [...new Set(values.filter((v) => typeof v === "string"))].sort();

/**
 * Registers the spec-driven contract tests of one provider package, and returns what its spec
 * documents, for the provider's own tests.
 */
export async function describeSpecContract(provider: string, pkg: ContractPackage): Promise<SpecContract> {
  const contract = await loadSpecContract(provider);
  registerTests(contract, pkg);
  return contract;
}

function registerTests(contract: SpecContract, pkg: ContractPackage): void {
  const { provider, spec, format, entries } = contract;
  const requestIdHeader = format.requestIdHeaders?.[0];
  const headersFor = (mediaType: string): Record<string, string> => ({ "content-type": mediaType, ...(requestIdHeader ? { [requestIdHeader]: REQUEST_ID } : {}) });
  const cases = [
    ...contract.errors.map((ex) => ({ ...ex, id: `${ex.id} (${ex.mediaType})`, inStream: false })),
    ...contract.frames.map((frame) => ({ ...frame, inStream: true })),
  ];

  describe("every error example in the spec, through parseError", () => {
    // The frames are found with the spec's own grammar; this guard, by plain text, keeps a grammar
    // reader that finds nothing from passing with no frame to check.
    it("finds an error frame in every stream example that shows one", () => {
      const showsError = (ex: SpecExample) => /"error"\s*:|^event:\s*error\s*$/m.test(ex.value as string);
      const unframed = contract.streams.filter(showsError).filter((ex) => !contract.frames.some((frame) => frame.id.startsWith(`${ex.id} (`)));
      expect(unframed.map((ex) => ex.id)).toEqual([]);
    });

    it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      const found = classify(entries, format, c.status, c.value);
      expect(found, "the example must match a catalog entry").toBeDefined();
      expect(disagreements(found!, format, c), `the example against ${describeEntry(found!.entry)}`).toEqual([]);
      // The delay headers the response documents go with the example, so that a header source is read.
      const delay = delayHeaders(format, found!.entry, c.headers);
      const error = pkg.parseError({ status: c.status, headers: { ...headersFor(c.mediaType), ...delay }, body: c.body }, { inStream: c.inStream, now: () => NOW }) as ParsedError;
      expect(error).toBeInstanceOf(pkg.ProviderError);
      expect(error).toMatchObject({
        provider,
        status: c.status,
        category: c.inStream ? inStreamCategory(found!) : found!.entry.category,
        retryable: found!.entry.retryable,
        type: firstString(c.value, format.type),
        code: firstString(c.value, format.code),
        requestId: requestIdHeader && REQUEST_ID,
        body: c.value,
      });
      const message = documentedMessage(format, c.value);
      // Without text in the example the runtime says something of its own, which the spec does not fix.
      if (message === undefined) expect(error.message).toMatch(/\S/);
      else expect(error.message).toBe(message);
      expect(error.retryAfterMs).toBe(statedDelayMs(format, found!.entry, c.value, delay, NOW));
      // Only an entry that says so marks its errors; every other error has no such field.
      expect((error as { resubmit?: unknown }).resubmit).toBe(found!.entry.resubmit ? true : undefined);
    });

    it("has an example value for every header delay source, on a response of the errors it serves", () => {
      const served = cases.map((c) => ({ entry: classify(entries, format, c.status, c.value)?.entry, headers: c.headers }));
      expect(unexampledHeaderSources(format, served)).toEqual([]);
    });

    it("exercises every catalog entry", () => {
      const hit = new Set(cases.map((c) => classify(entries, format, c.status, c.value)?.entry));
      expect(entries.filter((e) => !hit.has(e)).map(describeEntry)).toEqual([]);
    });

    it("treats success examples as successes", () => {
      expect(contract.successes.length, "the spec documents a success").toBeGreaterThan(0);
      for (const ex of contract.successes) {
        expect(pkg.parseError({ status: ex.status, headers: headersFor(ex.mediaType), body: ex.body }), ex.id).toBeUndefined();
      }
    });
  });

  // Only what errorFormat reads: a provider without codes has no code enum to keep in step.
  const keys = (["code", "type"] as const).filter((key) => format[key] !== undefined);
  if (keys.length === 0) return;
  describe("catalog and schema stay in step", () => {
    const enumOf = (paths: readonly string[]) => sortedUnique(paths.flatMap((path) => schemaEnum(spec, pkg.errorSchema ?? "Error", path) ?? []));
    it.each(
      keys.map((key) => [`${key}s`, { given: format[key]!, want: sortedUnique(pkg.errorCatalog.errors.map((e) => (e as Record<string, unknown>)[key])) }] as const),
    )("%s", (_name, { given, want }) => {
      expect(want).toEqual(enumOf(given));
    });
  });
}
