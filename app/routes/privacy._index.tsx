// The privacy policy, public: the version in force and the archive of earlier ones, with their dates and
// what each changed. Readable before signing in, in the browser's language.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { directoryScope } from "~/db.server";
import { formatDay } from "~/format";
import { metaTranslator, useT } from "~/i18n/use-t";
import { listPolicyVersions } from "~/me/privacy.server";

export async function loader(_args: LoaderFunctionArgs) {
  const versions = await directoryScope((tx) => listPolicyVersions(tx));
  return { versions: versions.map((version) => ({ ...version, publishedAt: version.publishedAt.toISOString() })) };
}

export default function PrivacyPolicyArchive() {
  const { versions } = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  const [current, ...earlier] = versions;
  return (
    <main className="page narrow">
      <h1>{t("policy.title")}</h1>
      {current ? (
        <section className="card">
          <h2>{t("policy.current", { version: current.version })}</h2>
          <p className="muted">
            {t("policy.published", { day: formatDay(new Date(current.publishedAt), "UTC", intlLocale) })}
          </p>
          <p>{current.summary}</p>
          <Link to={`/privacy/${current.version}`}>{t("privacy.readPolicy")}</Link>
        </section>
      ) : (
        <p>{t("privacy.noPolicy")}</p>
      )}
      {earlier.length ? (
        <section className="card">
          <h2>{t("policy.earlier")}</h2>
          <ul>
            {earlier.map((version) => (
              <li key={version.version}>
                <Link to={`/privacy/${version.version}`}>{version.version}</Link> —{" "}
                {formatDay(new Date(version.publishedAt), "UTC", intlLocale)}
                {version.significant ? ` (${t("policy.significant")})` : ""}: {version.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/me">{t("policy.back")}</Link>
      </p>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.policy") }];
