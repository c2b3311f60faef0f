/**
 * What a learner's workshop tells the classroom server, and the limits the server holds it to. Shared by the
 * learner's client and the server, so the two cannot disagree on a field. Texts are data only: the page shows
 * them with textContent, and nothing on either side runs or interprets them.
 */
import { z } from 'zod';

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

const short = z.string().max(MAX_SHORT_TEXT);
const shared = z.string().max(MAX_SHARED_TEXT);
const where = { lessonId: short, stepId: short };

/** One thing that happened to a learner, with an id the server counts once however often it arrives. */
export const learnerEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('joined') }),
  z.object({ kind: z.literal('left') }),
  z.object({ kind: z.literal('lesson-started'), lessonId: short, title: short, steps: z.array(z.object({ id: short, title: short })).max(200) }),
  z.object({ kind: z.literal('step-started'), ...where, index: z.number().int().min(0), total: z.number().int().min(0), title: short }),
  z.object({ kind: z.literal('check'), ...where, label: short, passed: z.boolean() }),
  z.object({ kind: z.literal('step-finished'), ...where, status: z.enum(['passed', 'failed', 'skipped', 'cancelled']), withHelp: z.boolean() }),
  z.object({ kind: z.literal('hint'), ...where, level: z.number().int().min(1) }),
  z.object({ kind: z.literal('solution'), ...where }),
  z.object({ kind: z.literal('lesson-finished'), lessonId: short, status: z.enum(['passed', 'failed', 'cancelled']) }),
  z.object({ kind: z.literal('hand'), raised: z.boolean() }),
  z.object({ kind: z.literal('shared-failure'), ...where, label: short, expected: shared, actual: shared, output: shared }),
  /** Synthetic load (bench/): counted and shown like any event, nothing else. */
  z.object({ kind: z.literal('ping'), n: z.number().int().min(0) }),
]);

export type LearnerEventBody = z.infer<typeof learnerEventSchema>;
/** An event as queued and sent: its id (unique per learner) and when it happened (epoch ms, learner's clock). */
export type LearnerEvent = LearnerEventBody & { id: string; at: number };

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/);

export const learnerBatchSchema = z.object({
  learner: z.object({ id: idSchema, name: z.string().trim().min(1).max(60) }),
  /** The learner's clock when the batch left, so the server can put its events on its own clock. */
  sentAt: z.number().finite(),
  events: z.array(z.intersection(learnerEventSchema, z.object({ id: idSchema, at: z.number().finite() }))).max(MAX_EVENTS_PER_BATCH),
});
export type LearnerBatch = z.infer<typeof learnerBatchSchema>;

/** What the instructor posts: a message, or where the class is. */
export const announcementSchema = z.union([
  z.object({ text: z.string().trim().min(1).max(MAX_MESSAGE) }),
  z.object({ lesson: z.number().int().min(0).max(999), step: z.number().int().min(1).max(999) }),
]);
export type AnnouncementBody = z.infer<typeof announcementSchema>;

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
