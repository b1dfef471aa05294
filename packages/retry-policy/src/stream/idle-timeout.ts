import { positiveMs } from "../validate.js";

export const validIdleTimeout = (value: number | undefined): number => positiveMs("idleTimeoutMs", value, 60_000);
