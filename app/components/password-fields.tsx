// The "new password, and again" pair of the change-password and reset-link pages.
import { MIN_PASSWORD_LENGTH } from "~/auth/password-rules";
import { Field } from "./forms";
import { useT } from "~/i18n/use-t";

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
  const { t } = useT();
  return (
    <>
      <Field
        label={t("auth.newPassword")}
        name={name}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        hint={t("auth.passwordHint", { min: MIN_PASSWORD_LENGTH, hint })}
        errors={errors?.[name]}
        autoFocus={autoFocus}
        required
      />
      <Field
        label={t("auth.newPasswordAgain")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirmPassword}
        required
      />
    </>
  );
}
