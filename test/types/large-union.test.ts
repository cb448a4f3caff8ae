// Compile time on a large API: 200 permission names (10 actions × 20 resources) and a few dozen
// literal checks. `npx tsc --noEmit --extendedDiagnostics` measures it (see
// docs/typed-permissions.md); this file only has to compile, and fails when a line that must
// be refused compiles.
import { describe, expect, it } from 'vitest';
import { createPermissions } from '../../src/index.js';

type Action =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'list'
  | 'export'
  | 'import'
  | 'approve'
  | 'archive'
  | 'share';
type Resource =
  | 'reports'
  | 'invoices'
  | 'customers'
  | 'orders'
  | 'products'
  | 'users'
  | 'roles'
  | 'teams'
  | 'projects'
  | 'tasks'
  | 'comments'
  | 'files'
  | 'folders'
  | 'tickets'
  | 'payments'
  | 'refunds'
  | 'coupons'
  | 'webhooks'
  | 'settings'
  | 'audit';
type Permission = `${Action}:${Resource}`;

const permissions = createPermissions<Permission>({
  getAccessToken: async () => null,
  start: false,
});

describe('a 200-permission API', () => {
  it('literal checks compile, typos do not', () => {
    const accepted = [
      permissions.check('read:reports'),
      permissions.check('read:reports and not delete:reports'),
      permissions.check('read:invoices or (approve:invoices and not archive:invoices)'),
      permissions.check('(create:orders || update:orders) && !delete:orders'),
      permissions.check('read:* and not delete:*'),
      permissions.check('*:audit'),
      permissions.check('share:files or share:folders or share:projects or share:tasks'),
      permissions.check('not (list:users and list:roles and list:teams)'),
      permissions.check('export:customers && import:customers || approve:refunds'),
      permissions.check('*:settings or update:webhooks'),
      permissions.check('read:payments and read:refunds and read:coupons and read:tickets'),
      permissions.check('!archive:comments'),
      permissions.check('((read:files))'),
      permissions.check('approve:*s'),
      permissions.check('update:products or create:products or delete:products'),
      permissions.check('list:*'),
      permissions.check('*'),
      permissions.check('read:audit and export:audit'),
      permissions.check('share:reports || share:invoices'),
      permissions.check('import:orders and not archive:orders'),
      permissions.hasPermission('delete:webhooks'),
      permissions.hasAnyPermission(['read:users', 'read:roles', 'read:teams']),
      permissions.hasAllPermissions(['approve:payments', 'approve:refunds']),
    ];
    // @ts-expect-error singular
    permissions.check('delete:report');
    // @ts-expect-error unknown action
    permissions.check('publish:reports');
    // @ts-expect-error unknown resource, deep in the expression
    permissions.check('read:reports and (update:orders or not delete:order)');
    // @ts-expect-error a wildcard matching nothing
    permissions.check('read:x*');
    // @ts-expect-error a wildcard matching nothing
    permissions.check('*:nothing');
    // @ts-expect-error keywords are lowercase: `OR` is a name, side by side with two others
    expect(() => permissions.check('read:reports OR read:invoices')).toThrow(/Use "and" or "or"/);
    // @ts-expect-error case matters in names
    permissions.check('Read:reports');
    // @ts-expect-error a typo among valid names
    permissions.check('read:reports || read:invoice || read:customers');
    // @ts-expect-error a typo after not
    permissions.check('!aprove:invoices');
    // @ts-expect-error a typo inside parentheses
    permissions.check('(list:user)');
    // @ts-expect-error a typo
    permissions.hasPermission('delete:webhook');
    // @ts-expect-error a typo
    permissions.hasAnyPermission(['read:users', 'read:role']);
    // @ts-expect-error a typo
    permissions.hasAllPermissions(['approve:payment']);
    expect(accepted.every((result) => typeof result === 'boolean')).toBe(true);
  });
});
