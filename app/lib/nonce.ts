// The Content-Security-Policy nonce of the response being rendered, for inline scripts
// (app/entry.server.tsx provides it on the server; in the browser it is undefined, which is
// right: scripts added after hydration are modules from our own origin).
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
