#!/usr/bin/env node
// Builds docs/<provider>.html from the spec, with the error catalog rendered as a table.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/docs.ts");
