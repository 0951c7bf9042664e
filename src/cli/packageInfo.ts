// Where simtop's own package is (its package.json, version and demos), found from this module.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The folder holding simtop's package.json, walking up from `from` (works from src/ and dist/). */
export function packageRoot(from: string = import.meta.url): string | null {
  let url = new URL("./", from);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", url), "utf8")) as {
        name?: string;
      };
      if (pkg.name === "simtop") return fileURLToPath(url);
    } catch {
      // not here: look one folder up
    }
    url = new URL("../", url);
  }
  return null;
}

export function packageVersion(): string {
  const root = packageRoot();
  if (root === null) return "unknown";
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}
