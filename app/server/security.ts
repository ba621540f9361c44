import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

const nonceOf = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce as string}'`;

/**
 * Security headers on every response, through helmet. The CSP allows scripts
 * only from this origin or carrying this response's nonce; styles may be
 * inline attributes (SurveyJS themes and chart colours set them), nothing
 * loads from elsewhere, and no page may be framed. Helmet's default directives
 * are off on purpose: they add `upgrade-insecure-requests`, which would break
 * the app on a plain-http intranet address.
 */
export function securityHeaders(options: { csp: boolean }) {
  const headers = helmet({
    contentSecurityPolicy: options.csp
      ? {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'", nonceOf],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", "data:"],
            fontSrc: ["'self'"],
            connectSrc: ["'self'"],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
          },
        }
      : false,
    // same-origin: links to other sites never carry a survey token in the Referer, while our own form posts keep their Origin.
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    // A customer's other sites on sibling subdomains may not be on https: this app pins only itself.
    strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    // Helmet has no Permissions-Policy: the survey needs no camera, microphone, location or payment.
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    headers(req, res, next);
  };
}
