#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ (built by `npm run build`).
import "../dist/src/cli/main.js";
