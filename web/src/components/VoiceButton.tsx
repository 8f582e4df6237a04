// The microphone: a WebRTC call to POST /offer and its live transcript on WS /ws, when the
// server has voice; otherwise it says so.
import { useEffect, useRef, useState } from "react";
import { ApiError, api, socketUrl } from "../api/client";
import { hasPath } from "../api/capabilities";
import { useI18n } from "../i18n";
import { MicIcon } from "./common";

export interface TranscriptLine {
  role: string;
  text: string;
}

interface Answer {
  sdp: string;
  type: "answer";
  pc_id: string;
  session_id: string;
}

export function VoiceButton({
  sessionId,
  language,
  onTranscript,
  onSession,
}: {
  sessionId: string | null;
  language: string;
  onTranscript: (line: TranscriptLine) => void;
  onSession: (id: string) => void;
}) {
  const { t } = useI18n();
  const [available, setAvailable] = useState<boolean | null>(null);
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const peer = useRef<RTCPeerConnection | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);

  useEffect(() => {
    void hasPath("/offer").then(setAvailable);
    return () => stop();
  }, []);

  const stop = () => {
    socket.current?.close();
    socket.current = null;
    peer.current?.getSenders().forEach((sender) => sender.track?.stop());
    peer.current?.close();
    peer.current = null;
    setLive(false);
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const media = await navigator.mediaDevices.getUserMedia({ audio: true });
      const pc = new RTCPeerConnection();
      peer.current = pc;
      media.getTracks().forEach((track) => pc.addTrack(track, media));
      pc.ontrack = (event) => {
        if (audio.current) audio.current.srcObject = event.streams[0];
      };
      await pc.setLocalDescription(await pc.createOffer());
      const request_data: Record<string, unknown> = { language };
      if (sessionId) request_data.session_id = sessionId;
      const answer = await api<Answer>("/offer", {
        body: { sdp: pc.localDescription?.sdp, type: "offer", request_data },
      });
      await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
      onSession(answer.session_id);
      const ws = new WebSocket(socketUrl(`/ws?session_id=${encodeURIComponent(answer.session_id)}`));
      ws.onmessage = (event) => {
        // {"type": "transcript", "message": {"role", "content"}}; other items (pings, task results) are skipped.
        const item = JSON.parse(String(event.data)) as { type?: string; message?: { role?: string; content?: string } };
        if (item.type === "transcript" && item.message?.content) {
          onTranscript({ role: item.message.role ?? "voice", text: item.message.content });
        }
      };
      socket.current = ws;
      setLive(true);
    } catch (err) {
      stop();
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (available === false) {
    return (
      <p className="muted" data-testid="voice-unavailable">
        {t("voice.unavailable")}
      </p>
    );
  }
  return (
    <div className="voice">
      <button type="button" onClick={live ? stop : start} disabled={busy || available === null} aria-pressed={live}>
        <MicIcon />{" "}
        {live ? t("voice.stop") : t("voice.start")}
      </button>
      <audio ref={audio} autoPlay />
      {error && <span role="alert" className="error-inline">{error}</span>}
    </div>
  );
}
