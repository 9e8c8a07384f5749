// What every simulator records of a request it answered (its `/_sim/requests` log). Each
// simulator says what it blanks before recording (secrets never reach the log).
export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 when the simulator reset the connection instead of answering. */
  status: number;
  headers: Record<string, string>;
  body?: string;
  responseBody?: string;
}
