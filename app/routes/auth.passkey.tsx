// The passkey ceremonies' server half, called by app/components/passkeys.tsx with fetch: hand out options
// (a fresh single-use challenge), then verify what the authenticator signed. Four purposes:
//   sign-in        a passkey alone, nobody known yet (discoverable credential, user verification)
//   second-factor  after a correct password (the pending sign-in cookie says whose)
//   step-up        a signed-in person confirming before a sensitive action
//   register       options for adding a passkey (the response goes through /me/security's form action)
// Answers are JSON; bad input is a 400 naming the problem, never a 500.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { completeSignIn, confirmStepUp, type PasskeyProof } from "~/actions/authentication.server";
import { getPrincipal } from "~/auth/principal.server";
import { pendingSignIn } from "~/auth/sealed-cookie.server";
import type { AccountRef } from "~/auth/session-adapter.server";
import { readSessionToken, sessionCookieHeader } from "~/auth/session.server";
import {
  findPasskeyOwner,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  relyingParty,
  verifyPasskeyAuthentication,
} from "~/auth/webauthn.server";
import { requestMetadata } from "~/context";
import { directoryScope, tenantScope } from "~/db.server";
import { readJson } from "~/security/form.server";
import { safeRedirectPath } from "~/security/redirect";

const purposeField = z.enum(["sign-in", "second-factor", "step-up", "register"], { error: "Unknown purpose." });

const bodySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("options"), purpose: purposeField }),
  z.object({
    intent: z.literal("verify"),
    purpose: purposeField.exclude(["register"]),
    response: z.unknown().refine((value) => typeof value === "object" && value !== null, "No passkey response."),
    redirectTo: z.string().max(2048).optional(),
  }),
]);

function problem(message: string, status = 400, fields?: Record<string, string[]>) {
  return Response.json({ ok: false as const, message, fieldErrors: fields ?? {} }, { status });
}

export async function loader() {
  return problem("Use POST.", 405);
}

export async function action({ request, context }: ActionFunctionArgs) {
  let json: unknown;
  try {
    json = await readJson(request);
  } catch (refusal) {
    if (refusal instanceof Response) return refusal;
    throw refusal;
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return problem("That request was not understood.", 400, fields);
  }
  const body = parsed.data;
  const rp = relyingParty(request);
  const meta = requestMetadata(request, context);

  // Who the ceremony is for, per purpose.
  const pending = body.purpose === "second-factor" ? pendingSignIn.read(request) : null;
  if (body.purpose === "second-factor" && !pending) {
    return problem("Your sign-in has expired. Enter your email and password again.", 401);
  }
  const principal = body.purpose === "step-up" || body.purpose === "register" ? await getPrincipal(request) : null;
  if ((body.purpose === "step-up" || body.purpose === "register") && !principal) {
    return problem("Sign in first.", 401);
  }
  const known: AccountRef | null = pending ?? principal;

  if (body.intent === "options") {
    if (body.purpose === "register") {
      const options = await tenantScope(principal!.tenantId, (tx) =>
        passkeyRegistrationOptions(tx, rp, {
          tenantId: principal!.tenantId,
          accountId: principal!.accountId,
          email: principal!.email,
          displayName: principal!.displayName,
        }),
      );
      return Response.json({ ok: true as const, options });
    }
    const options = known
      ? await tenantScope(known.tenantId, (tx) => passkeyAuthenticationOptions(tx, rp, "secondFactor", known))
      : await directoryScope((tx) => passkeyAuthenticationOptions(tx, rp, "signIn"));
    return Response.json({ ok: true as const, options });
  }

  const owner = known ?? (await directoryScope((tx) => findPasskeyOwner(tx, body.response)));
  if (!owner) return problem("That passkey is not registered with Glasshouse. Sign in with your password.");
  const purpose = body.purpose === "sign-in" ? "signIn" : "secondFactor";
  // Verified inside the sign-in's (or step-up's) own transaction, with the session and its audit entry.
  const proof: PasskeyProof = async (tx) => {
    const verified = await verifyPasskeyAuthentication(tx, rp, owner, purpose, body.response);
    return verified.ok ? { ok: true, ...verified.value } : { ok: false, message: verified.message };
  };

  if (body.purpose === "step-up") {
    const stepped = await confirmStepUp(owner, principal!.displayName, principal!.sessionToken, "passkey", meta, {
      proof,
    });
    if (!stepped.ok) return problem(stepped.message);
    return Response.json(
      { ok: true as const, redirectTo: safeRedirectPath(body.redirectTo, "/") },
      { headers: { "Set-Cookie": sessionCookieHeader(stepped.token, request) } },
    );
  }
  const method = body.purpose === "sign-in" ? "passkey" : "password+passkey";
  const result = await completeSignIn(owner, method, meta, readSessionToken(request), { proof });
  if (result.kind === "refused") return problem(result.message);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookieHeader(result.token, request));
  headers.append("Set-Cookie", pendingSignIn.clear(request));
  const redirectTo = result.mustChangePassword
    ? "/me/password"
    : safeRedirectPath(pending?.redirectTo ?? body.redirectTo, result.home);
  return Response.json({ ok: true as const, redirectTo }, { headers });
}
