#!/usr/bin/env node
// Runs the TypeScript scaffolder through tsx, as the generator runs.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/new-provider.ts");
