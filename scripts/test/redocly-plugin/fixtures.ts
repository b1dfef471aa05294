// Minimal specs that follow the convention (specs/README.md), and a checked way to break them.

/** Replaces `from` by `to` in `source`, failing loudly when `from` is not there (a silent no-op would pass). */
export function edit(source: string, ...pairs: [from: string | RegExp, to: string][]): string {
  let out = source;
  for (const [from, to] of pairs) {
    const next = out.replace(from, to);
    if (next === out) throw new Error(`fixture edit found nothing to replace: ${String(from)}`);
    out = next;
  }
  return out;
}

/**
 * A provider with a type and a code per error, like GPT Gob: a shared 429 response (two operations)
 * declaring a duration header, a 500 with a JSON and a text/plain body, an error type enum behind a
 * $ref, a code enum with null.
 */
export const valid = `
openapi: 3.1.0
info:
  title: Test provider
  version: "1.0.0"
paths:
  /chat:
    post:
      responses:
        "200":
          description: The answer.
          content:
            application/json:
              schema:
                type: object
              example: { answer: 42 }
        "429":
          $ref: "#/components/responses/TooManyRequests"
        "500":
          $ref: "#/components/responses/ServerError"
  /keys:
    post:
      responses:
        "200":
          description: A key.
        "429":
          $ref: "#/components/responses/TooManyRequests"
components:
  schemas:
    ErrorType:
      type: string
      enum: [rate_limit_error, quota_error, server_error]
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          properties:
            type:
              $ref: "#/components/schemas/ErrorType"
            code:
              type: [string, "null"]
              enum: [slow_down, out_of_credit, null]
            message:
              type: string
            retry_after:
              type: integer
  responses:
    TooManyRequests:
      description: Rate limited, or out of quota.
      headers:
        X-Reset:
          description: Time until the window resets.
          schema:
            type: string
            pattern: "^([0-9]+(ms|s|m))+$"
            examples: [1m30s]
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
          examples:
            slow_down:
              value: { error: { type: rate_limit_error, code: slow_down, message: Slow down, retry_after: 2 } }
            out_of_credit:
              value: { error: { type: quota_error, code: out_of_credit, message: No credit } }
            rate_limit_error:
              summary: A rate limit without a code
              value: { error: { type: rate_limit_error, code: null, message: Slow down } }
    ServerError:
      description: Server failure.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
          examples:
            server_error:
              value: { error: { type: server_error, code: null, message: Oops } }
        text/plain:
          schema:
            type: string
          example: Internal Server Error
x-errata:
  errorFormat:
    type: [error.type]
    code: [error.code]
    message: [error.message]
    requestIdHeaders: [x-request-id]
    retryAfter:
      - { in: header, name: X-Reset, format: duration }
  errors:
    - status: 429
      type: rate_limit_error
      retryable: true
      category: rate_limited
      description: Too many requests.
    - status: 429
      type: rate_limit_error
      code: slow_down
      retryable: true
      category: rate_limited
      retryAfter:
        - { in: body, path: error.retry_after, unit: s }
        - { in: header, name: X-Reset, format: duration }
      description: Slow down.
    - { status: 429, type: quota_error, code: out_of_credit, retryable: false, category: quota_exceeded, description: Out of credit. }
    - { status: 500, type: server_error, retryable: true, category: server_error, description: Server failed., inferred: [retryable] }
    - { status: 500, retryable: true, category: server_error, description: The plain-text 500. }
`;

/**
 * A provider that reports errors inside 200 bodies, like ModelsLab: `status` is `success`,
 * `processing` (not an error) or `error` / `failed`; no type or code at all.
 */
export const inBand = `
openapi: 3.1.0
info:
  title: In-band provider
  version: "1.0.0"
paths:
  /jobs:
    post:
      responses:
        "200":
          description: Success, processing, or an in-band error.
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: "#/components/schemas/Done"
                  - $ref: "#/components/schemas/Processing"
                  - $ref: "#/components/schemas/Error"
              examples:
                done:
                  value: { status: success, output: [a.png] }
                processing:
                  value: { status: processing, eta: 3 }
                error:
                  value: { status: error, message: Model not found }
                failed:
                  value: { status: failed, message: The job failed }
        "401":
          description: Bad key.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Error"
              examples:
                invalid_key:
                  value: { status: error, message: Invalid API key }
components:
  schemas:
    Done:
      type: object
      properties:
        status: { type: string, const: success }
        output: { type: array, items: { type: string } }
    Processing:
      type: object
      properties:
        status: { type: string, const: processing }
        eta: { type: number }
    Error:
      type: object
      properties:
        status: { type: string, enum: [error, failed] }
        message: { type: string }
x-errata:
  errorFormat:
    message: [message]
    inBand:
      path: status
      errorValues: [error, failed]
  errors:
    - { status: 401, retryable: false, category: authentication, description: Bad key. }
    - { status: 200, marker: error, retryable: false, category: unknown, description: An in-band error. }
    - { status: 200, marker: failed, retryable: true, category: server_error, description: The job failed. }
`;

/** The x-errata-stream of `streaming` below, as its lines stand there, so tests can remove or move it. */
export const streamExtension = `              x-errata-stream:
                requestBody: { stream: true }
                dataSchema:
                  $ref: "#/components/schemas/Chunk"
                terminator: { data: "[DONE]" }
                errors:
                  - has: error
                    dataSchema:
                      $ref: "#/components/schemas/Error"
                  - event: error
                    wrap: error
`;

/**
 * A provider whose errors can also arrive after the 200, inside a text/event-stream, like a15t
 * (`data: {"error": ...}`) and llama-server (`event: error` with the bare error object), with the
 * x-errata-stream that recognises both.
 */
export const streaming = `
openapi: 3.1.0
info:
  title: Streaming provider
  version: "1.0.0"
paths:
  /chat:
    post:
      responses:
        "200":
          description: A completion, or its stream.
          content:
            text/event-stream:
              schema:
                type: string
${streamExtension}              examples:
                stream:
                  value: |+
                    data: {"choices":[{"delta":{"content":"Hi"}}]}

                    data: [DONE]

                stream_cut:
                  value: |+
                    data: {"choices":[{"delta":{"content":"Hi"}}]}

                    data: {"error":{"type":"server_error","code":"stream_cut","message":"cut"}}

                overloaded:
                  value: |+
                    event: message_start
                    data: {"type":"message_start"}

                    event: error
                    data: {"code":503,"type":"overloaded","message":"busy"}

        "500":
          description: Server error.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Error"
              examples:
                internal:
                  value: { error: { type: server_error, code: internal, message: Oops } }
                server_error:
                  value: { error: { type: server_error, message: Oops } }
components:
  schemas:
    Chunk:
      type: object
    Error:
      type: object
      properties:
        error:
          type: object
          properties:
            type: { type: string, enum: [server_error, overloaded] }
            code: { type: string, enum: [internal, stream_cut] }
            message: { type: string }
x-errata:
  errorFormat:
    type: [error.type]
    code: [error.code]
    message: [error.message]
  errors:
    - { status: 500, code: internal, retryable: true, category: server_error, description: Internal error. }
    - { status: 200, code: stream_cut, stream: true, retryable: true, category: stream_interrupted, description: The stream was cut. }
    - { status: 200, type: overloaded, stream: true, retryable: true, category: unavailable, description: Overloaded mid-stream. }
    - { status: 500, type: server_error, retryable: true, category: server_error, description: Any other server error. }
`;
