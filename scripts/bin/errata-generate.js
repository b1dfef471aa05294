#!/usr/bin/env node
// Runs the TypeScript generator through tsx, so the pipeline needs no build step of its own.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/generate.ts");
