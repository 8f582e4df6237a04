// The signed-in session kept in localStorage so it lasts through a page reload.
export interface Session {
  accessToken: string;
  refreshToken: string | null; // null for a pasted API token (admin or API key)
  email: string | null;
  isAdmin: boolean;
}

const KEY = "gofer.session";
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
