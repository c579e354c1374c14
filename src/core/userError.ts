/** An expected failure whose message is written for the member (shown ephemerally, logged at info). */
export class UserError extends Error {
  override readonly name = 'UserError';
}
