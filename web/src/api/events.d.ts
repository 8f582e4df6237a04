// Placeholder until the server serves GET /api/v1/events/schema: `npm run gen:types` replaces it.
export interface GoferEvent {
  seq: number;
  job_id: string;
  type: string;
  timestamp: string;
  data: { [k: string]: unknown };
}
