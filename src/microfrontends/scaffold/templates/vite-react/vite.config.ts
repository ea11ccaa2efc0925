import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // Relative URLs: MicroApp serves dist/ from wherever the folder is.
  base: "./",
});
