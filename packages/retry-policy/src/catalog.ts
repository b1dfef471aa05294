import type { ErrorCategory } from "./categories.js";
import type { DelaySource } from "./retry-after.js";

/** What classification reads from one catalog entry: everything but its documentation. */
export interface ErrorRule {
  readonly status?: number;
  readonly type?: string;
  readonly code?: string;
  readonly marker?: string;
  readonly retryable: boolean;
  readonly category: ErrorCategory;
  readonly retryAfter?: readonly DelaySource[];
  readonly stream?: boolean;
  /**
   * Retryable by a new request (submitting the job again), not by replaying this one: the client
   * returns the error at once, and `retryable` stays true so that the caller knows to resubmit.
   */
  readonly resubmit?: boolean;
}

/** One documented error, as a spec's `x-errata.errors[]` states it (specs/README.md). */
export interface CatalogEntry extends ErrorRule {
  readonly description: string;
  readonly inferred?: readonly string[];
}

/** How to read a provider's error bodies (`x-errata.errorFormat`). */
export interface ErrorFormat {
  readonly type?: readonly string[];
  readonly code?: readonly string[];
  readonly message?: readonly string[];
  readonly requestIdHeaders?: readonly string[];
  readonly retryAfter?: readonly DelaySource[];
  /**
   * Errors inside 2xx bodies: the field at `path` names an error (`errorValues`). `successValues`,
   * read from the spec's 2xx schemas, are the values a success documents; any other string there is
   * an undocumented status, an error too.
   */
  readonly inBand?: { readonly path: string; readonly errorValues: readonly string[]; readonly successValues?: readonly string[] };
}

/**
 * What classification reads from a provider's catalog. Every function that classifies takes this, so
 * a full ErrorCatalog works, and so does the generated clients' copy without descriptions (an app
 * does not ship the prose it never shows).
 */
export interface ErrorRules<Provider extends string = string> {
  readonly provider: Provider;
  readonly errorFormat: ErrorFormat;
  readonly errors: readonly ErrorRule[];
}

/** A provider's error catalog, generated from its spec. */
export interface ErrorCatalog<Provider extends string = string> extends ErrorRules<Provider> {
  readonly errors: readonly CatalogEntry[];
}

/** The provider's own strings found in a response, used to look the error up. */
export interface ErrorKeys {
  readonly status: number;
  readonly type?: string | undefined;
  readonly code?: string | undefined;
  readonly marker?: string | undefined;
}

/** Code, then type, then marker or status (specs/README.md, "How a response is classified"). */
export function findCatalogEntry<E extends ErrorRule>(catalog: { readonly errors: readonly E[] }, keys: ErrorKeys): E | undefined {
  const { errors } = catalog;
  const { status, type, code, marker } = keys;
  // A code names one entry (the catalog convention keeps codes unique), whatever the status. A type
  // without a code may be documented at several statuses: the entry for this status wins.
  const pick = (found: E[]) => found.find((e) => e.status === status) ?? found[0];
  return (
    (code !== undefined && errors.find((e) => e.code === code)) ||
    (type !== undefined && pick(errors.filter((e) => e.code === undefined && e.type === type))) ||
    (marker !== undefined && errors.find((e) => e.marker === marker && (e.status ?? status) === status)) ||
    errors.find((e) => e.status === status && e.code === undefined && e.type === undefined && e.marker === undefined)
  );
}
