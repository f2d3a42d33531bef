import type { ReactNode } from "react";

/** A translated text with its {{link}} placeholder replaced by the link itself (a sentence with a link inside). */
export function withLink(text: string, link: ReactNode): ReactNode {
  const [before, after] = text.split("{{link}}");
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}
