// The ways to give a second factor, shared by the sign-in verify page and the step-up confirm page: an
// authenticator code, a passkey, or (tucked away) a recovery code. Each form posts to the page it is on;
// an error comes back next to the field of the form that was used.
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field } from "./forms";
import { PasskeyButton } from "./passkeys";
import { useT } from "~/i18n/use-t";

interface Factors {
  totp: boolean;
  passkeys: number;
  recoveryCodesRemaining: number;
}

interface FactorActionData {
  intent?: string;
  fieldErrors?: Record<string, string[] | undefined>;
}

export function SecondFactorForms({
  factors,
  passkeyPurpose,
  redirectTo,
  hiddenFields = {},
}: {
  factors: Factors;
  passkeyPurpose: "second-factor" | "step-up";
  redirectTo?: string | null;
  hiddenFields?: Record<string, string>;
}) {
  const result = useActionData<FactorActionData>();
  const { t } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsFor = (intent: string) => (result?.intent === intent ? result.fieldErrors?.code : undefined);
  const hidden = Object.entries(hiddenFields).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
  const recoveryOpen = result?.intent === "recovery" || (!factors.totp && factors.passkeys === 0);
  return (
    <div className="second-factor">
      {factors.totp ? (
        <Form method="post" noValidate>
          {hidden}
          <Field
            label={t("auth.totpCode")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            errors={errorsFor("totp")}
            autoFocus
            required
          />
          <button type="submit" name="intent" value="totp" className="button-primary" disabled={busy}>
            {t("auth.verify")}
          </button>
        </Form>
      ) : null}
      {factors.passkeys > 0 ? (
        <PasskeyButton
          purpose={passkeyPurpose}
          label={t("auth.usePasskey")}
          redirectTo={redirectTo}
          className={factors.totp ? "button-secondary" : "button-primary"}
        />
      ) : null}
      {factors.recoveryCodesRemaining > 0 ? (
        <details className="recovery-option" open={recoveryOpen}>
          <summary>{t("auth.useRecoveryCode")}</summary>
          <Form method="post" noValidate>
            {hidden}
            <Field
              label={t("auth.recoveryCode")}
              name="code"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              hint={t("auth.recoveryHint")}
              errors={errorsFor("recovery")}
              required
            />
            <button type="submit" name="intent" value="recovery" className="button-secondary" disabled={busy}>
              {t("auth.useRecoveryCodeButton")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
