import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // No test reads the developer's own config file (~/.config/simtop/config.yaml).
    setupFiles: ["test/configHome.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
