#!/usr/bin/env node
// The package's `gazette` command: runs the TypeScript CLI through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/gazette.ts");
