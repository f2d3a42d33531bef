// What the HTTP server hands every loader and action (scripts/server.ts builds it).
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  /** This response's content security policy nonce, for the inline scripts Remix renders. */
  cspNonce: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- module augmentation
  interface AppLoadContext extends RequestContext {}
}

export function requestMetadata(request: Request, context: Partial<RequestContext> | undefined) {
  return {
    requestId: context?.requestId ?? null,
    ipAddress: context?.clientIp ?? null,
    userAgent: request.headers.get("User-Agent")?.slice(0, 512) ?? null,
  };
}
