/** Talking to a classroom server as a learner or as the instructor's page would, in tests. */
import type { LearnerEvent } from '../../src/classroom/protocol.js';

export interface Posted {
  status: number;
  body: unknown;
}

let eventCounter = 0;

/** A learner event with a fresh id, dated now. */
export function learnerEvent(body: Record<string, unknown> & { kind: string }, at = Date.now()): LearnerEvent {
  eventCounter++;
  return { ...body, id: `e${eventCounter}`, at } as LearnerEvent;
}

export async function postEvents(url: string, code: string, learner: { id: string; name: string }, events: LearnerEvent[]): Promise<Posted> {
  const response = await fetch(`${url}/learner/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-classroom-code': code, 'x-classroom-learner': learner.id },
    body: JSON.stringify({ learner, sentAt: Date.now(), events }),
  });
  return { status: response.status, body: await response.json() };
}

/** Reads the page's event stream until `until` says it has what it waits for; returns every message. */
export async function readStream(url: string, key: string, until: (messages: { event: string; data: unknown }[]) => boolean, timeoutMs = 5000): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const messages: { event: string; data: unknown }[] = [];
  try {
    const response = await fetch(`${url}/instructor/stream?key=${encodeURIComponent(key)}`, { signal: controller.signal });
    if (!response.body) throw new Error('no body');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) messages.push({ event, data: JSON.parse(data) as unknown });
      }
      if (until(messages)) return messages;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(`the stream did not bring what was awaited in ${timeoutMs} ms; it brought ${JSON.stringify(messages).slice(0, 500)}`);
}
