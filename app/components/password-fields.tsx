// The "new password, and again" pair of the change-password and reset-link pages.
import { MIN_PASSWORD_LENGTH } from "~/auth/password-rules";
import { Field } from "./forms";

export function NewPasswordFields({
  name,
  hint,
  errors,
  autoFocus,
}: {
  /** The first field's name; the second is always `confirmPassword`. */
  name: string;
  hint: string;
  errors?: Partial<Record<string, string[]>>;
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field
        label="New password"
        name={name}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. ${hint}`}
        errors={errors?.[name]}
        autoFocus={autoFocus}
        required
      />
      <Field
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirmPassword}
        required
      />
    </>
  );
}
