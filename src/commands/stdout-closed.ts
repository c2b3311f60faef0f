/**
 * A reader that goes away (`mesh-workshop run tour --yes | head -2`) ends the command quietly, as a closed
 * pipe ends any Unix tool: no stack trace, exit 141 (128 + SIGPIPE, what a shell reports for one). A
 * running step is stopped with everything it started, through this signal.
 */
const closed = new AbortController();

/** Aborted once standard output's reader has gone. */
export const stdoutClosed: AbortSignal = closed.signal;

export const STDOUT_CLOSED_EXIT = 141;

export function watchStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    // After the first EPIPE the stream is destroyed, and later writes fail too: all of it is the same news.
    if (error.code !== 'EPIPE' && !closed.signal.aborted) throw error;
    process.exitCode = STDOUT_CLOSED_EXIT;
    closed.abort();
  });
}
