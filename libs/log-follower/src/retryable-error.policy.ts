/**
 * SQLSTATE classes and Node socket codes of failures that go away by themselves: a lost
 * connection, a server shutting down or short of resources, a serialisation failure or deadlock.
 */
const retryableSqlStatePrefixes = ['08', '53', '57P'];
const retryableSqlStates = new Set(['40001', '40P01']);
const retryableSocketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
// node-postgres reports a connection lost mid-query by message only.
const retryableMessages = /connection terminated|connection (was )?(lost|closed)|client has encountered a connection error|timeout exceeded when trying to connect/i;

/**
 * True when an error thrown while a projection wrote its batch says nothing about the events:
 * retrying the batch later may succeed, so it must not mark the projection failed.
 */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (retryableSqlStates.has(code) || retryableSocketCodes.has(code)) {
      return true;
    }
    if (retryableSqlStatePrefixes.some((prefix) => code.startsWith(prefix))) {
      return true;
    }
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && retryableMessages.test(message);
}
