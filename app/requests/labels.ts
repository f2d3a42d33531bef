// How the admin console names a request's kind and status (My account takes them from the catalogues,
// privacy.kinds and privacy.statuses, in the reader's language). Client-safe.
export const REQUEST_KIND_LABELS = {
  access: "Copy of their data",
  rectification: "Correction",
  restriction: "Restriction of processing",
  erasure: "Erasure",
} as const;

export const REQUEST_STATUS_LABELS = {
  received: "Received",
  in_progress: "In progress",
  waiting_on_hold: "Waiting on a legal hold",
  completed: "Completed",
  refused: "Refused",
} as const;

/** The queue's views: open (by due date), overdue, closed (newest first), all. */
export const QUEUE_VIEWS = ["open", "overdue", "closed", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
