/** Roles, ranked. A staff member acts only on members of a lower rank. */
export const ROLES = ['member', 'uploader', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  member: 'Member',
  uploader: 'Uploader',
  moderator: 'Moderator',
  admin: 'Admin',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: string): number {
  return isRole(role) ? ROLES.indexOf(role) : -1;
}

export function hasRole(role: string, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

export function isStaff(role: string): boolean {
  return hasRole(role, 'moderator');
}

/** True when `actor` may act on `target`: staff, and strictly above the target. */
export function outranks(actor: string, target: string): boolean {
  return isStaff(actor) && roleRank(actor) > roleRank(target);
}
