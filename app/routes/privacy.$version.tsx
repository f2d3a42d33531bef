// One version of the privacy policy, as published: its date, summary and text.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { directoryScope } from "~/db.server";
import { formatDay } from "~/format";
import { metaTranslator, useT } from "~/i18n/use-t";
import { getPolicyVersion, listPolicyVersions } from "~/me/privacy.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const wanted = (params.version ?? "").slice(0, 40);
  const { version, current } = await directoryScope(async (tx) => ({
    version: await getPolicyVersion(tx, wanted),
    current: (await listPolicyVersions(tx))[0]?.version ?? null,
  }));
  if (!version) throw new Response("No such version of the privacy policy", { status: 404 });
  return { ...version, publishedAt: version.publishedAt.toISOString(), isCurrent: version.version === current };
}

export default function PrivacyPolicyVersion() {
  const policy = useLoaderData<typeof loader>();
  const { t, intlLocale } = useT();
  return (
    <main className="page narrow">
      <h1>{t("policy.versionTitle", { version: policy.version })}</h1>
      <p className="muted">
        {t("policy.published", { day: formatDay(new Date(policy.publishedAt), "UTC", intlLocale) })}
        {policy.isCurrent ? ` · ${t("policy.inForce")}` : ` · ${t("policy.superseded")}`}
      </p>
      <p className="lede">{policy.summary}</p>
      {policy.body.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph.replace(/\n/g, " ")}</p>
      ))}
      <p>
        <Link to="/privacy">{t("privacy.archive")}</Link>
      </p>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: metaTranslator(matches)("titles.policy") }];
