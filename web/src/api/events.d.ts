// Generated from the server's schema by scripts/gen-types.mjs; do not edit by hand.

/**
 * A job event as sent over WebSocket, polling and webhooks. `ending` lists the types that can end a job.
 */
export type GoferEvent =
  | BookingStartedEvent
  | StatusUpdateEvent
  | QrCodeUpdateEvent
  | BookingCompletedEvent
  | SlotFoundEvent
  | HumanNeededEvent
  | EarlierSlotFoundEvent
  | CancellationNoticeEvent
  | WarningEvent
  | JobFailedEvent
  | JobCancelledEvent
  | JobRequeuedEvent
  | TaskCompletedEvent
  | TaskFailedEvent
  | WebhookDisabledEvent;
export type Seq = number;
export type JobId = string;
export type Type = "booking_started";
export type Timestamp = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status = string;
export type Seq1 = number;
export type JobId1 = string;
export type Type1 = "status_update";
export type Timestamp1 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status1 = string;
export type Message = string;
export type Progress = number;
export type Seq2 = number;
export type JobId2 = string;
export type Type2 = "qr_code_update";
export type Timestamp2 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status2 = string;
/**
 * PNG data URL of the BankID QR, as drawn.
 */
export type ImageData = string | null;
/**
 * The decoded QR text, when it could be read.
 */
export type QrPayload = string | null;
export type Seq3 = number;
export type JobId3 = string;
export type Type3 = "booking_completed";
export type Timestamp3 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status3 = string;
export type Success = boolean;
export type Message1 = string | null;
export type Error = string | null;
/**
 * Why the job did not succeed (machine code).
 */
export type Code = string | null;
/**
 * For some codes (site_changed): the step, element, page and evidence.
 */
export type Details = {
  [k: string]: unknown;
} | null;
export type Seq4 = number;
export type JobId4 = string;
export type Type4 = "slot_found";
export type Timestamp4 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status4 = string;
export type AutoBook = boolean;
export type Seq5 = number;
export type JobId5 = string;
export type Type5 = "human_needed";
export type Timestamp5 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status5 = string;
export type Reason = string;
/**
 * What the person should do: scan_qr, takeover, pay_in_cart…
 */
export type Action = string;
export type Message2 = string | null;
export type Seq6 = number;
export type JobId6 = string;
export type Type6 = "earlier_slot_found";
export type Timestamp6 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status6 = string;
/**
 * Whether the job goes on to move the booking to it.
 */
export type AutoBook1 = boolean;
/**
 * The earlier slot's start, ISO 8601 with offset.
 */
export type Start = string;
export type Location = string;
/**
 * The start of the booking held now.
 */
export type CurrentStart = string;
export type CurrentLocation = string;
export type Seq7 = number;
export type JobId7 = string;
export type Type7 = "cancellation_notice";
export type Timestamp7 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status7 = string;
export type ExaminationId = number;
export type Start1 = string;
export type Location1 = string;
/**
 * Less than 24 hours before the test: the fee is not refunded.
 */
export type Late = boolean;
export type Message3 = string;
export type Seq8 = number;
export type JobId8 = string;
export type Type8 = "warning";
export type Timestamp8 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status8 = string;
export type Message4 = string;
/**
 * What kind of warning: dialog_closed, …
 */
export type Code1 = string;
export type Seq9 = number;
export type JobId9 = string;
export type Type9 = "job_failed";
export type Timestamp9 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status9 = string;
export type Error1 = string;
export type Code2 = string;
export type Progress1 = number;
/**
 * For some codes (site_changed): the step, element, page and evidence.
 */
export type Details1 = {
  [k: string]: unknown;
} | null;
export type Seq10 = number;
export type JobId10 = string;
export type Type10 = "job_cancelled";
export type Timestamp10 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status10 = string;
export type Message5 = string;
export type Code3 = string;
export type Progress2 = number;
export type Seq11 = number;
export type JobId11 = string;
export type Type11 = "job_requeued";
export type Timestamp11 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status11 = string;
export type Reason1 = string;
export type Attempt = number;
export type Seq12 = number;
export type JobId12 = string;
export type Type12 = "task_completed";
export type Timestamp12 = string;
export type Seq13 = number;
export type JobId13 = string;
export type Type13 = "task_failed";
export type Timestamp13 = string;
export type Seq14 = number;
export type JobId14 = string;
export type Type14 = "webhook_disabled";
export type Timestamp14 = string;
/**
 * The job's status after this event, in the seed's words.
 */
export type Status12 = string;

export interface BookingStartedEvent {
  seq: Seq;
  job_id: JobId;
  type: Type;
  timestamp: Timestamp;
  data: BookingStartedData;
}
export interface BookingStartedData {
  status: Status;
  params: Params;
  [k: string]: unknown;
}
export interface Params {
  [k: string]: unknown;
}
export interface StatusUpdateEvent {
  seq: Seq1;
  job_id: JobId1;
  type: Type1;
  timestamp: Timestamp1;
  data: StatusUpdateData;
}
export interface StatusUpdateData {
  status: Status1;
  message: Message;
  progress: Progress;
  [k: string]: unknown;
}
export interface QrCodeUpdateEvent {
  seq: Seq2;
  job_id: JobId2;
  type: Type2;
  timestamp: Timestamp2;
  data: QrCodeUpdateData;
}
export interface QrCodeUpdateData {
  status: Status2;
  image_data: ImageData;
  qr_payload: QrPayload;
  [k: string]: unknown;
}
export interface BookingCompletedEvent {
  seq: Seq3;
  job_id: JobId3;
  type: Type3;
  timestamp: Timestamp3;
  data: CompletionData;
}
/**
 * The seed's completion event: sent however the job ends, with the cause when it failed.
 */
export interface CompletionData {
  status: Status3;
  success: Success;
  message?: Message1;
  error?: Error;
  code?: Code;
  details?: Details;
  [k: string]: unknown;
}
export interface SlotFoundEvent {
  seq: Seq4;
  job_id: JobId4;
  type: Type4;
  timestamp: Timestamp4;
  data: SlotFoundData;
}
export interface SlotFoundData {
  status: Status4;
  auto_book: AutoBook;
  [k: string]: unknown;
}
export interface HumanNeededEvent {
  seq: Seq5;
  job_id: JobId5;
  type: Type5;
  timestamp: Timestamp5;
  data: HumanNeededData;
}
export interface HumanNeededData {
  status: Status5;
  reason: Reason;
  action: Action;
  message?: Message2;
  [k: string]: unknown;
}
export interface EarlierSlotFoundEvent {
  seq: Seq6;
  job_id: JobId6;
  type: Type6;
  timestamp: Timestamp6;
  data: EarlierSlotFoundData;
}
/**
 * A free slot earlier than the booking the person holds, fitting their wishes.
 */
export interface EarlierSlotFoundData {
  status: Status6;
  auto_book: AutoBook1;
  start: Start;
  location: Location;
  current_start: CurrentStart;
  current_location: CurrentLocation;
  [k: string]: unknown;
}
export interface CancellationNoticeEvent {
  seq: Seq7;
  job_id: JobId7;
  type: Type7;
  timestamp: Timestamp7;
  data: CancellationNoticeData;
}
/**
 * What cancelling a booking will cost, told before the booking is cancelled.
 */
export interface CancellationNoticeData {
  status: Status7;
  examination_id: ExaminationId;
  start: Start1;
  location: Location1;
  late: Late;
  message: Message3;
  [k: string]: unknown;
}
export interface WarningEvent {
  seq: Seq8;
  job_id: JobId8;
  type: Type8;
  timestamp: Timestamp8;
  data: WarningData;
}
export interface WarningData {
  status: Status8;
  message: Message4;
  code: Code1;
  [k: string]: unknown;
}
export interface JobFailedEvent {
  seq: Seq9;
  job_id: JobId9;
  type: Type9;
  timestamp: Timestamp9;
  data: JobFailedData;
}
export interface JobFailedData {
  status: Status9;
  error: Error1;
  code: Code2;
  progress?: Progress1;
  details?: Details1;
  [k: string]: unknown;
}
export interface JobCancelledEvent {
  seq: Seq10;
  job_id: JobId10;
  type: Type10;
  timestamp: Timestamp10;
  data: JobCancelledData;
}
export interface JobCancelledData {
  status: Status10;
  message: Message5;
  code?: Code3;
  progress?: Progress2;
  [k: string]: unknown;
}
export interface JobRequeuedEvent {
  seq: Seq11;
  job_id: JobId11;
  type: Type11;
  timestamp: Timestamp11;
  data: JobRequeuedData;
}
export interface JobRequeuedData {
  status: Status11;
  reason: Reason1;
  attempt: Attempt;
  [k: string]: unknown;
}
export interface TaskCompletedEvent {
  seq: Seq12;
  job_id: JobId12;
  type: Type12;
  timestamp: Timestamp12;
  data: CompletionData;
}
export interface TaskFailedEvent {
  seq: Seq13;
  job_id: JobId13;
  type: Type13;
  timestamp: Timestamp13;
  data: CompletionData;
}
export interface WebhookDisabledEvent {
  seq: Seq14;
  job_id: JobId14;
  type: Type14;
  timestamp: Timestamp14;
  data: WebhookDisabledData;
}
export interface WebhookDisabledData {
  status: Status12;
  [k: string]: unknown;
}
