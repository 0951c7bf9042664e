// Test setup: every test (and every simtop it starts) reads settings from an empty directory of its own, never the developer's ~/.config.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), "simtop-test-config-"));
