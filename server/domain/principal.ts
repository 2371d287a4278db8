/** Who is calling, as the token verifier (server/auth) established it; services decide what this caller may do. */
export interface Principal {
  tenantId: string;
  userId: string;
  isAdmin: boolean;
  /** The signed-in user's mailbox when the token names it (preferred_username / upn). */
  username?: string;
  /** The user's display name (the token's `name` claim), kept with audit entries so people read who, not an id. */
  displayName?: string;
}
