import type { Request } from "express";

/**
 * The client's address as the limits count it: Express's `req.ip`, which
 * follows X-Forwarded-For only as far as TRUST_PROXY allows (by default not at
 * all), with IPv4 addresses that arrive IPv6-mapped written plainly.
 */
export function clientAddress(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice("::ffff:".length) : address;
}
