import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response, for Remix's inline
 * scripts. Only the server knows it; browsers hide nonce attributes from
 * scripts, so the empty value on the client matches what hydration reads.
 */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
