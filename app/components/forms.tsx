import { useNavigation } from "@remix-run/react";
import { Label } from "radix-ui";
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";

export type FieldErrors = Partial<Record<string, string[]>>;

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}

/** A labelled input whose errors are announced with it (aria-invalid, aria-describedby). */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <Label.Root htmlFor={id}>{label}</Label.Root>
      <input id={id} name={name} aria-invalid={hasErrors || undefined} aria-describedby={describedBy} {...input} />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {hasErrors ? (
        <ul id={errorId} className="field-errors">
          {errors!.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A message about the whole form (not one field), announced to screen readers when it appears. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}

/** What became of a form: done (announced as a status) or refused (announced as an alert). */
export function FormOutcome({ error, success }: { error?: string | null; success?: string | null }) {
  return (
    <>
      <FormError message={error} />
      {success ? (
        <p className="form-success" role="status">
          {success}
        </p>
      ) : null}
    </>
  );
}

/**
 * The written reason a destructive action asks for (the person affected reads it in their activity). What
 * was typed comes back with the error when the server refuses it.
 */
export function ReasonField({
  errors,
  defaultValue,
  label = "Reason",
}: {
  errors?: string[];
  defaultValue?: string;
  label?: string;
}) {
  const id = useId();
  const hasErrors = Boolean(errors?.length);
  return (
    <div className="field">
      <Label.Root htmlFor={id}>{label}</Label.Root>
      <textarea
        id={id}
        name="reason"
        defaultValue={defaultValue}
        required
        aria-invalid={hasErrors || undefined}
        aria-describedby={hasErrors ? `${id}-error` : undefined}
      />
      {hasErrors ? (
        <p id={`${id}-error`} className="field-errors">
          {errors![0]}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A labelled choice from a list, with a first "choose…" option that sends nothing (when `placeholder` is
 * given). What was chosen comes back with the error when the server refuses it — shown as typed even when
 * it is not one of the options, so the person sees what to fix.
 */
export function SelectField({
  label,
  name,
  options,
  placeholder,
  defaultValue,
  errors,
  hint,
  required,
}: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  defaultValue?: string;
  errors?: string[];
  hint?: ReactNode;
  required?: boolean;
}) {
  const id = useId();
  const hasErrors = Boolean(errors?.length);
  const describedBy = [hint ? `${id}-hint` : null, hasErrors ? `${id}-error` : null].filter(Boolean).join(" ");
  const unknown = defaultValue && !options.some((option) => option.value === defaultValue) ? defaultValue : null;
  return (
    <div className="field">
      <Label.Root htmlFor={id}>{label}</Label.Root>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy || undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {unknown ? <option value={unknown}>{unknown}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {hasErrors ? (
        <p id={`${id}-error`} className="field-errors">
          {errors![0]}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text area, with its hint and errors announced with it; what was typed comes back as `defaultValue`. */
export function TextAreaField({
  id,
  label,
  name,
  defaultValue,
  errors,
  hint,
  required = true,
  rows,
  maxLength,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-errors">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

/** A field's first error, under the field, with the id its control's aria-describedby names. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="field-errors">
      {errors[0]}
    </p>
  ) : null;
}

/** What the engine answered for a button: its outcome and sentence, in the reader's language. */
export interface ShownDecision {
  outcome: "allow" | "deny" | "needs_step_up";
  sentence: string;
}

/**
 * A form's submit button as the policy engine sees it: a refused action stays on the page, disabled, with
 * the engine's sentence next to it; one that needs a fresh second factor says so before it is pressed.
 */
export function SubmitOrRefused({
  id,
  label,
  decision,
  className = "button-primary",
}: {
  id: string;
  label: string;
  decision: ShownDecision;
  className?: string;
}) {
  const navigation = useNavigation();
  const { t } = useT();
  if (decision.outcome === "deny") {
    return (
      <>
        <p id={`${id}-refused`} className="notice" role="status">
          {decision.sentence}
        </p>
        <button type="submit" className={className} disabled aria-describedby={`${id}-refused`}>
          {label}
        </button>
      </>
    );
  }
  return (
    <>
      {decision.outcome === "needs_step_up" ? (
        <p className="notice">
          {decision.sentence} {t("console.common.stepUpNext")}
        </p>
      ) : null}
      <button type="submit" className={className} disabled={navigation.state === "submitting"}>
        {label}
      </button>
    </>
  );
}
