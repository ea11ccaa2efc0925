import { defineConfig } from "vitest/config";

// Unit tests of the runtime's pure modules (js/), in Node: no browser, no DOM.
export default defineConfig({
  test: {
    include: ["tests/js/**/*.test.ts", "js/app-sdk/test/**/*.test.ts"],
    environment: "node",
  },
});
