/**
 * Type-level views of a spec's `paths` as the generated client takes and returns them. They change
 * types only; the runtime behaviour they describe lives in auth.ts (body key) and parse-error.ts
 * (in-band errors).
 */

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** Flattens an intersection so that editors show one object. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** `Name` optional in every object member of a body union; other members unchanged. */
type KeyOptional<Body, Name extends string> = Body extends object
  ? Name extends keyof Body
    ? Flat<Omit<Body, Name> & { [K in Name]?: K extends keyof Body ? Body[K] : never }>
    : Body
  : Body;

type ContentKeyOptional<Content, Name extends string> = { [M in keyof Content]: KeyOptional<Content[M], Name> };

/** True when no media type of the body requires anything but `Name`. */
type OnlyKeyRequired<Content, Name extends string> = [
  { [M in keyof Content]: Exclude<RequiredKeys<Content[M]>, Name> }[keyof Content],
] extends [never]
  ? true
  : false;

type BodyOptional<Op> = "requestBody" extends keyof Op ? ({} extends Pick<Op, "requestBody"> ? true : false) : true;

type OperationWithBodyKey<Op, Name extends string> = [NonNullable<Op>] extends [never]
  ? Op
  : Op extends { requestBody?: infer RequestBody }
    ? [NonNullable<RequestBody>] extends [never]
      ? Op
      : NonNullable<RequestBody> extends { content: infer Content }
        ? BodyOptional<Op> extends true
          ? Flat<Omit<Op, "requestBody"> & { requestBody?: { content: ContentKeyOptional<Content, Name> } }>
          : OnlyKeyRequired<Content, Name> extends true
            ? Flat<Omit<Op, "requestBody"> & { requestBody?: { content: ContentKeyOptional<Content, Name> } }>
            : Flat<Omit<Op, "requestBody"> & { requestBody: { content: ContentKeyOptional<Content, Name> } }>
        : Op
    : Op;

/**
 * The paths with the API key's body property (`x-errata-auth: {in: body, name}`) made optional in
 * every request body: the client fills it from `apiKey`. A body whose only required property is the
 * key becomes optional as a whole; the client then sends `{ [name]: apiKey }`.
 */
export type WithBodyKeyOptional<Paths, Name extends string> = {
  [P in keyof Paths]: {
    [M in keyof Paths[P]]: M extends HttpMethod ? OperationWithBodyKey<Paths[P][M], Name> : Paths[P][M];
  };
};

/** `{a: {b: V}}` for the dotted path "a.b". */
type AtPath<Path extends string, Value> = Path extends `${infer Head}.${infer Rest}`
  ? { [K in Head]: AtPath<Rest, Value> }
  : { [K in Path]: Value };

type SuccessStatus<S> = `${S & (string | number)}` extends `2${string}` ? true : false;

type ResponsesWithoutInBand<Responses, Marker> = {
  [S in keyof Responses]: SuccessStatus<S> extends true
    ? Responses[S] extends { content: infer Content }
      ? Flat<Omit<Responses[S], "content"> & { content: { [M in keyof Content]: Exclude<Content[M], Marker> } }>
      : Responses[S]
    : Responses[S];
};

type OperationWithoutInBand<Op, Marker> = [NonNullable<Op>] extends [never]
  ? Op
  : Op extends { responses: infer Responses }
    ? Flat<Omit<Op, "responses"> & { responses: ResponsesWithoutInBand<Responses, Marker> }>
    : Op;

/**
 * The paths with in-band errors (`x-errata.errorFormat.inBand`) removed from every 2xx body type:
 * a 2xx body whose `Path` holds one of `Values` is returned as `error`, never as `data`.
 */
export type WithoutInBandErrors<Paths, Path extends string, Values extends string> = {
  [P in keyof Paths]: {
    [M in keyof Paths[P]]: M extends HttpMethod ? OperationWithoutInBand<Paths[P][M], AtPath<Path, Values>> : Paths[P][M];
  };
};
