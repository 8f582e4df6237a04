/// <reference types="vitest" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The server serves web/dist at "/"; `npm run dev` proxies the API to a local `gofer serve`.
const api = process.env.GOFER_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2020" },
  server: {
    proxy: {
      "/api": api,
      "/health": api,
      "/offer": api,
      "/ws": { target: api.replace("http", "ws"), ws: true },
    },
  },
  test: { environment: "jsdom", globals: true },
});
