// Follows a job's events over WS /ws/{job_id}: replays after the last seen seq on every
// (re)connect, drops duplicates, and reconnects to refill a gap instead of skipping it.
import type { StreamMessage } from "./types";

export type StreamState = "connecting" | "open" | "reconnecting" | "ended" | "refused";

export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number): void;
}

export interface EventStreamOptions {
  url: (after: number) => string;
  onEvent: (message: StreamMessage) => void;
  onState?: (state: StreamState, reason?: string) => void;
  connect?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (0-based); capped exponential by default. */
  backoffMs?: (attempt: number) => number;
  after?: number;
}

// Application close codes meaning "do not retry" (see the server's ws module).
const REFUSED = new Set([4401, 4403, 4404, 1008]);
const NORMAL = 1000;

export class EventStream {
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;
  lastSeq: number;

  constructor(private readonly options: EventStreamOptions) {
    this.lastSeq = options.after ?? 0;
  }

  start(): void {
    this.stopped = false;
    this.open("connecting");
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(NORMAL);
  }

  private open(state: StreamState): void {
    this.options.onState?.(state);
    const connect = this.options.connect ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const socket = connect(this.options.url(this.lastSeq));
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.options.onState?.("open");
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      let message: StreamMessage;
      try {
        message = JSON.parse(String(ev.data)) as StreamMessage;
      } catch {
        return;
      }
      if (typeof message.seq !== "number" || message.seq <= this.lastSeq) return; // seen already
      if (message.seq > this.lastSeq + 1) {
        // A gap: ask the server to replay from the last event we have.
        this.reconnect(socket, 0);
        return;
      }
      this.lastSeq = message.seq;
      this.options.onEvent(message);
    };
    socket.onerror = () => undefined; // onclose follows and decides
    socket.onclose = (ev) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      if (ev.code === NORMAL) {
        this.options.onState?.("ended");
      } else if (REFUSED.has(ev.code)) {
        this.options.onState?.("refused", ev.reason);
      } else {
        this.schedule();
      }
    };
  }

  private reconnect(socket: SocketLike, delay: number): void {
    this.socket = null;
    socket.close(NORMAL);
    this.schedule(delay);
  }

  private schedule(delay?: number): void {
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(10_000, 500 * 2 ** n));
    const wait = delay ?? backoff(this.attempt++);
    this.options.onState?.("reconnecting");
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open("reconnecting");
    }, wait);
  }
}
