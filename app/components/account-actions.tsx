// The buttons and dialogs of the actions an admin takes: on an account (the accounts list and an account's
// page), and any other destructive action that asks for a written reason (a legal hold, a privacy lock). A
// refused action is never hidden: it stays, disabled, and says why when pressed.
import { Form } from "@remix-run/react";
import { Dialog, Popover } from "radix-ui";
import { useEffect, useState, type ReactNode } from "react";
import { DEFAULT_LOCALE, translator, type Locale } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { actionLabel } from "~/policy/labels";
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

/** The reason dialogs of account actions, by intent: the key of their words (consoleAccounts.dialogs). */
const REASON_DIALOG_KEYS = {
  "account.suspend": "suspend",
  "account.resetPassword": "resetPassword",
  "account.resetMfa": "resetMfa",
  "account.terminate": "terminate",
  "account.export": "export",
} as const;

/** What an account action's reason dialog says in `locale`: its button (the action's name), title, description. */
export function reasonDialogWords(intent: keyof typeof REASON_DIALOG_KEYS, name: string, locale: Locale) {
  const t = translator(locale);
  const key = REASON_DIALOG_KEYS[intent];
  return {
    label: actionLabel(intent, locale),
    title: t(`consoleAccounts.dialogs.${key}.title`, { name }),
    description: t(`consoleAccounts.dialogs.${key}.description`),
  };
}

/** The English words of each account action's reason dialog (see reasonDialogWords for the reader's). */
export const REASON_DIALOGS = Object.fromEntries(
  (Object.keys(REASON_DIALOG_KEYS) as (keyof typeof REASON_DIALOG_KEYS)[]).map((intent) => {
    const english = reasonDialogWords(intent, "", DEFAULT_LOCALE);
    return [
      intent,
      {
        label: english.label,
        title: (name: string) => reasonDialogWords(intent, name, DEFAULT_LOCALE).title,
        description: english.description,
      },
    ];
  }),
) as Record<keyof typeof REASON_DIALOG_KEYS, { label: string; title: (name: string) => string; description: string }>;
export type ReasonIntent = keyof typeof REASON_DIALOGS;

function isReasonIntent(intent: string): intent is ReasonIntent {
  return Object.hasOwn(REASON_DIALOG_KEYS, intent);
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
  const { t, locale } = useT();
  const defaults = isReasonIntent(intent) ? reasonDialogWords(intent, props.name ?? "", locale) : undefined;
  const label = props.label ?? defaults?.label ?? intent;
  const title = props.title ?? defaults?.title ?? label;
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
            <p className="notice">
              {decision.sentence} {t("console.common.stepUpNext")}
            </p>
          ) : null}
          {reopen && decision.outcome === "allow" ? (
            <p className="notice">{t("consoleAccounts.dialogs.stepUpConfirmed", { button: submitLabel })}</p>
          ) : null}
          <FormError message={formError} />
          <Form method="post" onSubmit={() => setOpen(false)}>
            <HiddenFields fields={fields} />
            {intent === "account.resetPassword" ? (
              <fieldset className="field">
                <legend>{t("consoleAccounts.dialogs.how")}</legend>
                <label>
                  <input type="radio" name="method" value="link" defaultChecked={typedMethod !== "temporary"} />{" "}
                  {t("consoleAccounts.dialogs.methodLink")}
                </label>
                <label>
                  <input type="radio" name="method" value="temporary" defaultChecked={typedMethod === "temporary"} />{" "}
                  {t("consoleAccounts.dialogs.methodTemporary")}
                </label>
                {methodErrors?.length ? <p className="field-errors">{methodErrors[0]}</p> : null}
              </fieldset>
            ) : null}
            <ReasonField errors={errors} defaultValue={typedReason} label={t("console.common.reason")} />
            <div className="dialog-buttons">
              <Dialog.Close asChild>
                <button type="button" className="button-secondary">
                  {t("console.common.cancel")}
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
