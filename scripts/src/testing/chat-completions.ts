import { sseData } from "./sse-server.js";

/**
 * The OpenAI chat-completions wire shapes that several providers (GPT Gob, a15t, GGUF Cloud) copy:
 * one builder each, so a test names only what is its own (id, model, text).
 */

export interface ChatIds {
  id: string;
  model: string;
}

/** A finished `chat.completion` with one assistant message. */
export const chatCompletion = ({ id, model }: ChatIds, content: string) => ({
  id,
  object: "chat.completion" as const,
  created: 1767225600,
  model,
  choices: [{ index: 0, message: { role: "assistant" as const, content }, finish_reason: "stop" as const }],
});

/** One `chat.completion.chunk` carrying a piece of text. */
export const chatChunk = ({ id, model }: ChatIds, content: string) => ({
  id,
  object: "chat.completion.chunk" as const,
  created: 1767225600,
  model,
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

/** The OpenAI grammar's terminator frame. */
export const SSE_DONE = "data: [DONE]\n\n";

/** A complete OpenAI-grammar stream body: each chunk as a `data:` frame, then `[DONE]`. */
export const chatStream = (chunks: readonly object[]): string => chunks.map(sseData).join("") + SSE_DONE;

/** The text a run of chunks spells (chunks without content, like the final one, add nothing). */
export const chunkText = (chunks: readonly { choices: readonly { delta: { content?: string | null } }[] }[]): string =>
  chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
