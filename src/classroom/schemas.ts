/**
 * The shapes the classroom server accepts, checked with zod before anything is counted (loaded by the server
 * alone: a learner's workshop only builds these objects, it does not need the checker).
 */
import { z } from 'zod';
import { MAX_EVENTS_PER_BATCH, MAX_MESSAGE, MAX_SHARED_TEXT, MAX_SHORT_TEXT } from './protocol.js';

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

