// Which optional endpoints this server has (voice, live view, event schema), read from its
// OpenAPI document once, so screens can say "not available on this server" instead of failing.
let cached: Promise<Set<string>> | null = null;

export function serverPaths(): Promise<Set<string>> {
  cached ??= fetch("/openapi.json")
    .then((answer) => (answer.ok ? answer.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, unknown> }) => new Set(Object.keys(doc.paths ?? {})))
    .catch(() => new Set<string>());
  return cached;
}

export async function hasPath(path: string): Promise<boolean> {
  return (await serverPaths()).has(path);
}

/** Forget what was read (tests, or after the server was upgraded under a long-open page). */
export function forgetServerPaths(): void {
  cached = null;
}
