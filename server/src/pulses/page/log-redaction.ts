import type { FastifyRequest } from 'fastify';

/** `/e/<token>…` → `/e/[redacted]…`: a link token in a log would tie a person to a survey. */
export function redactEmployeeLinkUrl(url: string): string {
  return url.replace(/^\/e\/[^/?#]+/, '/e/[redacted]');
}

/**
 * Request log serializers of the employee survey pages. They replace Fastify's default `req`
 * serializer, which logs the URL (with the token) and the client's address and port: the address
 * with the time of a submit would tell who answered and when. Method and redacted URL only.
 */
export const employeePageLogSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactEmployeeLinkUrl(request.url),
  }),
};
