/** Set by server.ts from the socket address; server.ts overwrites any value a client sends. */
export const CLIENT_IP_HEADER = 'x-giveback-client-ip';
