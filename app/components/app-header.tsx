import { Form, Link, NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export interface HeaderProps {
  displayName: string;
  organisation: string;
  /** Links of the section, e.g. the admin console's pages. */
  nav?: { to: string; label: string; end?: boolean }[];
  /** The admin console, for an admin browsing their own account pages. */
  consolePath?: string | null;
}

export function AppHeader({ displayName, organisation, nav = [], consolePath }: HeaderProps) {
  const { t } = useT();
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/" className="brand" aria-label={t("header.home")}>
          <span aria-hidden="true" className="brand-mark">
            ◇
          </span>{" "}
          Glasshouse
        </Link>
        <span className="org-name">{organisation}</span>
        <nav aria-label={t("header.main")}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
            {consolePath ? (
              <li>
                <NavLink to={consolePath}>{t("header.console")}</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/me">{t("header.myAccount")}</NavLink>
            </li>
          </ul>
        </nav>
        <div className="who">
          <span>{displayName}</span>
          <Form method="post" action="/logout">
            <button type="submit" className="button-link">
              {t("header.signOut")}
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}
