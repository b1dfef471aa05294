import { inspect } from "node:util";

/**
 * Reads a stream to its end, keeping what arrived before a failure. The thrown value is typed loosely
 * on purpose: the tests assert on it with toMatchObject / toBeInstanceOf.
 */
export async function consumeStream<T, E = Error & Record<string, any>>(stream: AsyncIterable<T>) {
  const seen: T[] = [];
  try {
    for await (const item of stream) seen.push(item);
    return { seen, thrown: undefined as E | undefined };
  } catch (thrown) {
    return { seen, thrown: thrown as E | undefined };
  }
}

/** Every way an error reaches a log or a screen: where a secret must never show. */
export function errorRenderings(error: unknown): string[] {
  const e = error as Error | undefined;
  return [e?.message ?? "", JSON.stringify(error) ?? "", inspect(error, { depth: 10 }), String(error), e?.stack ?? ""];
}
