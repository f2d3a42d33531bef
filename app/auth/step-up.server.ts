// Step-up: a destructive action refused only for want of a fresh second factor sends the admin to the
// confirm page, and brings them back to the same page with the form as they filled it in. The form's
// fields travel in a sealed cookie (app/auth/sealed-cookie.server.ts), never in the URL.
import { redirect } from "@remix-run/node";
import { STEP_UP_RESUME_TTL_MS, stepUpResume, type StepUpResume } from "./sealed-cookie.server";

/** Fields never kept across a step-up, whatever the form calls them. */
const SECRET_FIELD = /password|secret|token|code/i;

/** Where the confirm page lives, with the page to come back to. */
export function confirmPath(returnTo: string): string {
  return `/confirm?${new URLSearchParams({ redirectTo: returnTo })}`;
}

/**
 * The redirect to the confirm page for a form posted to `request`'s page. The page the form was on is the
 * request's own URL (Remix posts a route's forms to that route), with `?resume=1` so its loader offers the
 * kept input back.
 */
export function stepUpRedirect(request: Request, accountId: string, fields: Record<string, string>): Response {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  url.searchParams.set("resume", "1");
  const returnTo = `${url.pathname}${url.search}`;
  const kept: StepUpResume = {
    accountId,
    path: url.pathname,
    fields: Object.fromEntries(Object.entries(fields).filter(([name]) => !SECRET_FIELD.test(name))),
  };
  const headers = new Headers();
  // A form too large for a cookie still gets its step-up; it just comes back empty.
  if (stepUpResume.fits(request, kept, STEP_UP_RESUME_TTL_MS)) {
    headers.append("Set-Cookie", stepUpResume.set(request, kept, STEP_UP_RESUME_TTL_MS));
  }
  return redirect(confirmPath(returnTo), { headers });
}

/**
 * The input kept for this page, if the person is coming back from a step-up (and the header that forgets
 * it, to send with the page: it is offered back once).
 */
export function resumedInput(
  request: Request,
  accountId: string,
): { fields: Record<string, string>; clearCookie: string } | null {
  const url = new URL(request.url);
  if (url.searchParams.get("resume") !== "1") return null;
  const kept = stepUpResume.read(request);
  if (!kept || kept.path !== url.pathname || kept.accountId !== accountId) return null;
  return { fields: kept.fields, clearCookie: stepUpResume.clear(request) };
}

/** The form's string fields, for stepUpRedirect. */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
  return fields;
}
