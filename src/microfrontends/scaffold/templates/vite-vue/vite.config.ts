import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [vue()],
  // Relative URLs: MicroApp serves dist/ from wherever the folder is.
  base: "./",
});
