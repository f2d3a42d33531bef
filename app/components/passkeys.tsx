// The browser half of the passkey ceremonies (server half: app/routes/auth.passkey.tsx). Passkeys need
// JavaScript; every page that offers one also offers a form that works without it.
import {
  WebAuthnAbortService,
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import { useEffect, useState } from "react";

type Purpose = "sign-in" | "second-factor" | "step-up";

interface ServerAnswer {
  ok: boolean;
  message?: string;
  redirectTo?: string;
  options?: unknown;
}

async function post(body: Record<string, unknown>): Promise<ServerAnswer> {
  const response = await fetch("/auth/passkey", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  try {
    return (await response.json()) as ServerAnswer;
  } catch {
    return { ok: false, message: "Glasshouse did not answer. Try again." };
  }
}

/** What the browser says when the person cancels or nothing matches, in words for them. */
function ceremonyError(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") {
    return "The passkey request was cancelled or timed out. Try again.";
  }
  if (name === "InvalidStateError") return "This device already holds a passkey for your account.";
  return "Your browser could not use a passkey here. Try again, or use another way to sign in.";
}

/** Whether this browser can use passkeys: false on the server and in browsers without WebAuthn. */
export function usePasskeySupport(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  return supported;
}

/** Signs in, or confirms a second factor, with a passkey; on success the browser goes where the server says. */
export function PasskeyButton({
  purpose,
  label,
  redirectTo,
  className = "button-secondary",
}: {
  purpose: Purpose;
  label: string;
  redirectTo?: string | null;
  className?: string;
}) {
  const supported = usePasskeySupport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!supported) return null;

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const start = await post({ intent: "options", purpose });
      if (!start.ok || !start.options) throw new Error(start.message ?? "No options");
      let response: unknown;
      try {
        response = await startAuthentication({ optionsJSON: start.options as never });
      } catch (ceremony) {
        setError(ceremonyError(ceremony));
        return;
      }
      const done = await post({ intent: "verify", purpose, response, redirectTo: redirectTo ?? undefined });
      if (!done.ok) {
        setError(done.message ?? "That passkey could not be verified.");
        return;
      }
      window.location.assign(done.redirectTo ?? "/");
    } catch (failure) {
      setError(failure instanceof Error && failure.message !== "No options" ? failure.message : "Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passkey-action">
      <button type="button" className={className} onClick={run} disabled={busy}>
        {busy ? "Waiting for your passkey…" : label}
      </button>
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Asks the authenticator to create a passkey for the signed-in person; resolves to the registration
 * response as JSON text (for the form that names and stores it), or throws an Error with a readable message.
 */
export async function createPasskey(): Promise<string> {
  const start = await post({ intent: "options", purpose: "register" });
  if (!start.ok || !start.options) throw new Error(start.message ?? "Glasshouse did not answer. Try again.");
  try {
    const response = await startRegistration({ optionsJSON: start.options as never });
    return JSON.stringify(response);
  } catch (ceremony) {
    WebAuthnAbortService.cancelCeremony();
    throw new Error(ceremonyError(ceremony));
  }
}
