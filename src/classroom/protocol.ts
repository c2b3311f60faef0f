/**
 * What a learner's workshop tells the classroom server, and the limits the server holds it to. Shared by the
 * learner's client and the server, so the two cannot disagree on a field. Texts are data only: the page shows
 * them with textContent, and nothing on either side runs or interprets them.
 */
import type { AnnouncementBody, LearnerEventBody } from './schemas.js';

export type { AnnouncementBody, LearnerEventBody } from './schemas.js';

/** A request body larger than this is refused (413) before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Events in one request; a larger queue is sent in several. */
export const MAX_EVENTS_PER_BATCH = 200;
/** A shared text (command output, expected, actual) is cut to its last this-many characters. */
export const MAX_SHARED_TEXT = 12 * 1024;
/** Names, labels, titles. */
export const MAX_SHORT_TEXT = 200;
/** An instructor's message. */
export const MAX_MESSAGE = 500;
/** The header a learner's request carries its join code in. */
export const CODE_HEADER = 'x-classroom-code';
/** The header (or `key` query parameter, for EventSource) the instructor's page carries its key in. */
export const INSTRUCTOR_HEADER = 'x-instructor-key';

/** An event as queued and sent: its id (unique per learner) and when it happened (epoch ms, learner's clock). */
export type LearnerEvent = LearnerEventBody & { id: string; at: number };

/** An announcement as learners get it: numbered, so a learner shows each once. */
export interface Announcement {
  seq: number;
  at: number;
  text: string;
}

/** The words a learner's status bar shows for an announcement body. */
export function announcementText(body: AnnouncementBody): string {
  return 'text' in body ? body.text : `we are at lesson ${body.lesson}, step ${body.step}`;
}

/** The server's answer to a batch. */
export interface BatchAnswer {
  accepted: number;
  duplicates: number;
  announcement?: Announcement;
}

/** Cuts a shared text to its last `limit` characters (the end of an output is where the error is). */
export function lastChars(text: string, limit = MAX_SHARED_TEXT): string {
  return text.length <= limit ? text : `…${text.slice(text.length - limit + 1)}`;
}
