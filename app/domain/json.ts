/**
 * JSON.parse for input from outside, refusing the key "__proto__": code that copies such an object key by key
 * would set its prototype instead, and a wrapper like {"__proto__": {"ka_p1": 3}} would pass as real answers;
 * and refusing NUL characters in keys and strings.
 * Throws a SyntaxError, as JSON.parse does for malformed text.
 */
export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === "__proto__") throw new SyntaxError('the key "__proto__" is not allowed');
    // No text of ours holds one, the web refuses it at every way in, and PostgreSQL cannot store it in text.
    if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) throw new SyntaxError("a text holds a NUL character (\\u0000)");
    return value;
  });
}
