import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBearerEventStream } from './event-stream.ts';

afterEach(() => vi.unstubAllGlobals());

/** An answer whose body arrives in these chunks, then stays open (as a live stream does). */
function streamOf(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('the bearer event stream', () => {
  it('reads named events whatever the chunks split, a CRLF line end across two chunks included', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          streamOf([
            'event: ready\r\ndata: {}\r\n\r\n',
            'event: change\r',
            '\ndata: {"type":"pbx"}\r\n\r',
            '\nevent: change\ndata: {"type":"settings"}\n',
            '\n',
          ]),
        ),
      ),
    );
    const stream = openBearerEventStream('http://localhost/api/v1/events');
    const seen: string[] = [];
    stream.addEventListener('ready', (message) => seen.push(`ready ${message.data}`));
    stream.addEventListener('change', (message) => seen.push(`change ${message.data}`));
    stream.addEventListener('message', (message) => seen.push(`message ${message.data}`));
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual(['ready {}', 'change {"type":"pbx"}', 'change {"type":"settings"}']);
    stream.close();
  });
});
