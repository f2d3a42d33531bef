// The data-request queue's views (client-safe). How the console names a request's kind and status, and each
// view, is in the catalogues (consoleBulk.requests.kinds, .statuses, .views), in the reader's language.
/** The queue's views: open (by due date), overdue, closed (newest first), all. */
export const QUEUE_VIEWS = ["open", "overdue", "closed", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
