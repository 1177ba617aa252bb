// Builds the single self-contained ES module that the Python side passes inline to
// st.components.v2.component(js=..., css=...). Fixed names keep `git diff` clean.
import { defineConfig } from "vitest/config";

export default defineConfig({
  base: "./",
  publicDir: false,
  build: {
    outDir: "../st_state_debugger/frontend_dist",
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    lib: {
      entry: "src/index.ts",
      formats: ["es"],
      fileName: () => "index.js",
      cssFileName: "index",
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
