import type { KafkaEventMessage } from '../envelope/kafka-event-message';

/** Rough wire size of one message: key, value, header names and values, and record overhead. */
function approximateBytes(message: KafkaEventMessage): number {
  let bytes = 32 + message.key.length + message.value.length;
  for (const name in message.headers) bytes += name.length + message.headers[name].length + 4;
  return bytes;
}

/**
 * Cuts a page into consecutive sends of at most `maxBytes` each (a message larger than that goes
 * alone), so that no partition's record batch reaches the broker's `message.max.bytes` (1 MiB by
 * default). Order is kept: chunks are sent one after another.
 */
export function chunkMessages(messages: readonly KafkaEventMessage[], maxBytes: number): KafkaEventMessage[][] {
  const chunks: KafkaEventMessage[][] = [];
  let current: KafkaEventMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = approximateBytes(message);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
