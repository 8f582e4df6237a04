// Calls the public API with the session's token; refreshes (rotating the refresh token) on 401.
import { loadSession, saveSession } from "./session";

/** An API error: the server's sentence and machine code, or a network failure in plain words. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface Options {
  method?: string;
  body?: unknown;
  auth?: boolean;
  signal?: AbortSignal;
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: parallel 401s share it, so the rotated token is used only once. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  const session = loadSession();
  if (!session?.refreshToken) return false;
  const answer = await fetch("/api/auth/refresh", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  }).catch(() => null);
  if (!answer?.ok) {
    if (answer && answer.status < 500) saveSession(null);
    return false;
  }
  const body = await answer.json();
  saveSession({ ...session, accessToken: body.tokens.accessToken, refreshToken: body.tokens.refreshToken });
  return true;
}

async function toError(answer: Response): Promise<ApiError> {
  let body: { error?: unknown; detail?: unknown; code?: unknown; details?: { field?: string }[] } = {};
  try {
    body = await answer.json();
  } catch {
    /* not JSON: keep the status line */
  }
  const sentence =
    typeof body.error === "string"
      ? body.error
      : typeof body.detail === "string"
        ? body.detail
        : `The server answered ${answer.status} ${answer.statusText}`.trim();
  const code = typeof body.code === "string" ? body.code : `http_${answer.status}`;
  return new ApiError(sentence, answer.status, code, body.details?.[0]?.field);
}

export async function api<T>(path: string, options: Options = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  const session = loadSession();
  if (options.auth !== false && session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let answer: Response;
  try {
    answer = await fetch(path, {
      method: options.method ?? (options.body !== undefined ? "POST" : "GET"),
      headers,
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError("The server cannot be reached; check your connection and try again.", 0, "network");
  }
  if (answer.status === 401 && options.auth !== false && !retried && (await refreshSession())) {
    return api<T>(path, options, true);
  }
  if (!answer.ok) throw await toError(answer);
  if (answer.status === 204) return undefined as T;
  return (await answer.json()) as T;
}

/** The WebSocket URL for a path on this server, with the session's token as a query parameter. */
export function socketUrl(path: string): string {
  const base = location.origin.replace(/^http/, "ws");
  const token = loadSession()?.accessToken ?? "";
  const sep = path.includes("?") ? "&" : "?";
  return `${base}${path}${sep}token=${encodeURIComponent(token)}`;
}
