#!/usr/bin/env node
// Checks that a branch's changesets name every published package it changes, its spec included.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/check-changesets.ts");
