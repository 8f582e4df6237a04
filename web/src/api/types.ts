// Names for the generated schema types the screens use.
import type { components } from "./schema";

type S = components["schemas"];
export type JobView = S["JobView"];
export type JobPage = S["JobPage"];
export type QrView = S["QrView"];
export type BookingChoices = S["BookingChoices"];
export type SignedIn = S["SignedIn"];
export type KeyList = S["KeyList"];
export type KeyCreated = S["KeyCreated"];
export type ExecuteAnswer = S["ExecuteAnswer"];
export type SessionList = S["SessionList"];
export type EndpointList = S["EndpointList"];
export type EndpointCreated = S["EndpointCreated"];
export type MessagePage = S["MessagePage"];
export type AttemptList = S["AttemptList"];
export type { GoferEvent } from "./events";
import type { GoferEvent } from "./events";

/** Event types as they arrive over WS /ws/{job_id}: QR events keep the seed's name `qr_update`. */
export type WireType = Exclude<GoferEvent["type"], "qr_code_update"> | "qr_update";

/** A WebSocket message: the event envelope, QR events also carrying the image and payload. */
export interface StreamMessage {
  seq: number;
  job_id: string;
  type: WireType;
  timestamp: string;
  data: Record<string, unknown>;
  image_data?: string | null;
  qr_payload?: string | null;
}
export type LiveLink = S["LiveAnswer"];
export type HandbackAnswer = S["HandbackAnswer"];
export type UserSettings = S["SettingsView"];
export type UserSettingsBody = S["SettingsBody"];
