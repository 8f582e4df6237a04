import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EventStream, type SocketLike, type StreamState } from "../eventStream";
import type { StreamMessage } from "../types";

class FakeSocket implements SocketLike {
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  closedWith: number | null = null;
  constructor(readonly url: string) {}
  open() {
    this.onopen?.({});
  }
  send(seq: number, type = "status_update") {
    this.onmessage?.({ data: JSON.stringify({ seq, type, job_id: "job_1", timestamp: "2026-01-01T00:00:00Z", data: {} }) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
}

function harness(after = 0) {
  const sockets: FakeSocket[] = [];
  const seen: number[] = [];
  const states: StreamState[] = [];
  const stream = new EventStream({
    url: (n) => `ws://x/ws/job_1?after=${n}`,
    connect: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    onEvent: (m: StreamMessage) => seen.push(m.seq),
    onState: (s) => states.push(s),
    backoffMs: () => 100,
    after,
  });
  return { stream, sockets, seen, states };
}

describe("EventStream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("delivers events in order and asks for a replay after the last one on reconnect", () => {
    const { stream, sockets, seen } = harness();
    stream.start();
    sockets[0].open();
    sockets[0].send(1);
    sockets[0].send(2);
    sockets[0].drop();
    vi.advanceTimersByTime(100);
    expect(sockets[1].url).toBe("ws://x/ws/job_1?after=2");
    // The server replays from 3; a duplicate 2 from an overlapping replay is ignored.
    sockets[1].send(2);
    sockets[1].send(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("reconnects to fill a gap instead of skipping events", () => {
    const { stream, sockets, seen } = harness();
    stream.start();
    sockets[0].send(1);
    sockets[0].send(4); // 2 and 3 went missing
    expect(seen).toEqual([1]);
    expect(sockets[0].closedWith).toBe(1000);
    vi.advanceTimersByTime(0);
    expect(sockets[1].url).toBe("ws://x/ws/job_1?after=1");
    sockets[1].send(2);
    sockets[1].send(3);
    sockets[1].send(4);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it("starts after a known seq and stops for good on a normal close or a refusal", () => {
    const ended = harness(5);
    ended.stream.start();
    expect(ended.sockets[0].url).toBe("ws://x/ws/job_1?after=5");
    ended.sockets[0].drop(1000);
    vi.advanceTimersByTime(10_000);
    expect(ended.sockets).toHaveLength(1);
    expect(ended.states.at(-1)).toBe("ended");

    const refused = harness();
    refused.stream.start();
    refused.sockets[0].drop(4404);
    vi.advanceTimersByTime(10_000);
    expect(refused.sockets).toHaveLength(1);
    expect(refused.states.at(-1)).toBe("refused");
  });

  it("does not reconnect after stop()", () => {
    const { stream, sockets } = harness();
    stream.start();
    stream.stop();
    sockets[0].drop();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});
