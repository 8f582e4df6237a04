// Regenerates src/api/schema.d.ts (OpenAPI) and src/api/events.d.ts (event JSON Schema)
// from a running Gofer server: `npm run gen:types -- http://127.0.0.1:8080`.
import { writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";
import { compile } from "json-schema-to-typescript";

const base = (process.argv[2] ?? process.env.GOFER_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const headers = process.env.GOFER_TOKEN ? { Authorization: `Bearer ${process.env.GOFER_TOKEN}` } : {};
const banner = "// Generated from the server's schema by scripts/gen-types.mjs; do not edit by hand.\n";

const openapi = await (await fetch(`${base}/openapi.json`, { headers })).json();
const ast = await openapiTS(openapi);
await writeFile("src/api/schema.d.ts", banner + astToString(ast));
console.log("wrote src/api/schema.d.ts");

const answer = await fetch(`${base}/api/v1/events/schema`, { headers });
if (answer.ok) {
  const schema = await answer.json();
  const ts = await compile(schema, "GoferEvent", { bannerComment: banner.trim(), additionalProperties: false });
  await writeFile("src/api/events.d.ts", ts);
  console.log("wrote src/api/events.d.ts");
} else {
  console.log(`no event schema on this server (${answer.status}); kept src/api/events.d.ts`);
}
