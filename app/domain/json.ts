/**
 * JSON.parse for input from outside, refusing the key "__proto__": code that copies such an object key by key
 * would set its prototype instead, and a wrapper like {"__proto__": {"ka_p1": 3}} would pass as real answers.
 * Throws a SyntaxError, as JSON.parse does for malformed text.
 */
export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === "__proto__") throw new SyntaxError('the key "__proto__" is not allowed');
    return value;
  });
}
