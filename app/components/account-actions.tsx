// The buttons and dialogs of the actions an admin takes: on an account (the accounts list and an account's
// page), and any other destructive action that asks for a written reason (a legal hold, a privacy lock). A
// refused action is never hidden: it stays, disabled, and says why when pressed.
import { Form } from "@remix-run/react";
import { Dialog, Popover } from "radix-ui";
import { useEffect, useState, type ReactNode } from "react";
import type { Decision } from "~/policy/types";
import { FormError, ReasonField } from "./forms";

export type ShownDecision = Pick<Decision, "outcome" | "sentence">;

/** A refused action stays on the page; pressing it says why, on every device (not only on hover). */
export function DisabledAction({ label, sentence }: { label: string; sentence: string }) {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="button-small"
          aria-disabled="true"
          title={sentence}
          aria-description={sentence}
        >
          {label}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover-content" side="top" sideOffset={6} role="status">
          {sentence}
          <Popover.Arrow className="popover-arrow" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A one-press action (no reason asked), or its disabled form with the sentence. */
export function ActionButton({
  intent,
  label,
  decision,
  fields = {},
}: {
  intent: string;
  label: string;
  decision: ShownDecision;
  fields?: Record<string, string>;
}) {
  if (decision.outcome === "deny") return <DisabledAction label={label} sentence={decision.sentence} />;
  return (
    <Form method="post" className="inline-form">
      <HiddenFields fields={fields} />
      <button type="submit" name="intent" value={intent} className="button-small">
        {label}
      </button>
    </Form>
  );
}

export const REASON_DIALOGS = {
  "account.suspend": {
    label: "Suspend",
    title: (name: string) => `Suspend ${name}?`,
    description:
      "They will be signed out everywhere and cannot sign in until an admin unsuspends them. They will see this in their activity, with your reason.",
  },
  "account.resetPassword": {
    label: "Reset password",
    title: (name: string) => `Reset ${name}’s password?`,
    description:
      "Every session they have ends. Email them a link to choose a new password, or set a temporary password that you pass on and they must change when they sign in. They will see this in their activity, with your reason.",
  },
  "account.resetMfa": {
    label: "Reset two-factor",
    title: (name: string) => `Reset ${name}’s two-step verification?`,
    description:
      "Their authenticator app, passkeys and recovery codes stop working and their sessions end; they sign in with their password and set up again. They will be emailed, and see this in their activity with your reason.",
  },
  "account.terminate": {
    label: "Terminate",
    title: (name: string) => `Terminate ${name}’s account?`,
    description:
      "They are signed out everywhere and can no longer sign in. The account is erased after the organisation's grace period (30 days unless changed) unless an admin restores it before then; a legal hold stops the erasure. They will be emailed, and see this in their activity with your reason.",
  },
  "account.export": {
    label: "Export data",
    title: (name: string) => `Export ${name}’s data?`,
    description:
      "A JSON file of everything Glasshouse holds about the account (profile, settings, consents, devices, installations, events, and every audit entry about it), for a legal request. The export is recorded with your reason.",
  },
} as const;
export type ReasonIntent = keyof typeof REASON_DIALOGS;

function isReasonIntent(intent: string): intent is ReasonIntent {
  return Object.hasOwn(REASON_DIALOGS, intent);
}

/** What a reason dialog says: its button, its title and description, and the submit button if that differs. */
export interface ReasonDialogWords {
  label: string;
  title: string;
  description: ReactNode;
  /** The submit button inside the dialog; the opening button's label when not given. */
  submitLabel?: string;
}

type ReasonDialogProps = {
  decision: ShownDecision;
  /** Hidden fields the form carries (the account's id on the accounts list). */
  fields?: Record<string, string>;
  errors?: string[];
  /** A refusal that belongs to no field (a stale page, a failed action), shown inside the dialog. */
  formError?: string | null;
  /** Reset password only: what was wrong with the chosen method, and the method chosen last time. */
  methodErrors?: string[];
  typedReason?: string;
  typedMethod?: string;
  /** Open at once: the admin is back from confirming a second factor. */
  reopen?: boolean;
} & (
  | ({ intent: ReasonIntent; name: string } & Partial<ReasonDialogWords>)
  | ({ intent: string; name?: string } & ReasonDialogWords)
);

/**
 * A destructive action: a dialog that asks for the reason, the admin's written why. An account action of
 * REASON_DIALOGS takes its words from there (any of them may be overridden); any other intent says its own.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { intent, decision, fields = {}, errors, formError, methodErrors, typedReason, typedMethod, reopen } = props;
  const defaults = isReasonIntent(intent) ? REASON_DIALOGS[intent] : undefined;
  const label = props.label ?? defaults?.label ?? intent;
  const title = props.title ?? defaults?.title(props.name ?? "") ?? label;
  const description = props.description ?? defaults?.description;
  const submitLabel = props.submitLabel ?? label;
  const [open, setOpen] = useState(Boolean(errors?.length || methodErrors?.length || formError || reopen));
  // The dialog closes on submit; a refusal of the reason brings it back with the error next to the field.
  useEffect(() => {
    if (errors?.length || methodErrors?.length || formError) setOpen(true);
  }, [errors, methodErrors, formError]);
  if (decision.outcome === "deny") return <DisabledAction label={label} sentence={decision.sentence} />;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className="button-small">
          {label}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description>{description}</Dialog.Description>
          {decision.outcome === "needs_step_up" ? (
            <p className="notice">{decision.sentence} You will be asked for it next, and come back here.</p>
          ) : null}
          {reopen && decision.outcome === "allow" ? (
            <p className="notice">Second factor confirmed. Check the reason and press {submitLabel} again.</p>
          ) : null}
          <FormError message={formError} />
          <Form method="post" onSubmit={() => setOpen(false)}>
            <HiddenFields fields={fields} />
            {intent === "account.resetPassword" ? (
              <fieldset className="field">
                <legend>How</legend>
                <label>
                  <input type="radio" name="method" value="link" defaultChecked={typedMethod !== "temporary"} /> Email
                  them a reset link
                </label>
                <label>
                  <input type="radio" name="method" value="temporary" defaultChecked={typedMethod === "temporary"} />{" "}
                  Set a temporary password (shown to you once)
                </label>
                {methodErrors?.length ? <p className="field-errors">{methodErrors[0]}</p> : null}
              </fieldset>
            ) : null}
            <ReasonField errors={errors} defaultValue={typedReason} />
            <div className="dialog-buttons">
              <Dialog.Close asChild>
                <button type="button" className="button-secondary">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" name="intent" value={intent} className="button-danger">
                {submitLabel}
              </button>
            </div>
          </Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
