/** Why the engine skips a step, where a reporter says more than the reason (it counts them). */

/** An unattended run does not answer questions. */
export const QUESTION_FOR_A_LEARNER = 'a question for the learner (run without --yes to answer it)';
