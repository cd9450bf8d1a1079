import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The `webhook-signature` header value (Standard Webhooks, scheme v1): the base64 HMAC-SHA256
 * of `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of the secret after
 * `whsec_`.
 */
export function signWebhook(opts: {
  secret: string;
  messageId: string;
  timestamp: number;
  body: string;
}): string {
  const key = Buffer.from(opts.secret.slice(SECRET_PREFIX.length), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${opts.messageId}.${opts.timestamp}.${opts.body}`)
    .digest('base64');
  return `v1,${mac}`;
}
