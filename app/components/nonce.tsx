// The content security policy nonce of the response being rendered, for the inline scripts Remix writes.
// It is provided on the server only (app/entry.server.tsx). In the browser it is empty, which is fine: the
// scripts have already run, and browsers hide a nonce from the DOM anyway.
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
