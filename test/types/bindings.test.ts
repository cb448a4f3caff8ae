// Type tests for the framework bindings: `tsc --noEmit` (npm run typecheck) fails on an
// `@ts-expect-error` whose line compiles. The functions are only referenced, never called.
import { describe, expectTypeOf, it } from 'vitest';
import { usePermissionsInstance as useReactInstance } from '../../src/react/index.js';
import type { Permissions } from '../../src/types.js';
import { usePermissionsInstance as useVueInstance } from '../../src/vue/index.js';

type ReportsPermission = 'read:reports' | 'delete:reports';

// Never run (a hook outside a component would throw): the compiler checks the body.
function useTypedChecks() {
  const react = useReactInstance<ReportsPermission>();
  react.check('read:reports and not delete:reports');
  // @ts-expect-error: 'delete:report' is not a permission of ReportsPermission
  react.check('delete:report');
  // @ts-expect-error: unknown name
  react.hasPermission('delete:report');
  const vue = useVueInstance<ReportsPermission>();
  vue.check('delete:*');
  // @ts-expect-error: unknown name
  vue.hasAllPermissions(['read:reports', 'read:report']);
  // Without a type argument nothing changes.
  useReactInstance().check('anything at all');
  useVueInstance().hasPermission('anything');
}

describe('the bindings take the permission type', () => {
  it('usePermissionsInstance<P>() returns Permissions<P> (React and Vue)', () => {
    expectTypeOf(useReactInstance<ReportsPermission>).returns.toEqualTypeOf<
      Permissions<ReportsPermission>
    >();
    expectTypeOf(useVueInstance<ReportsPermission>).returns.toEqualTypeOf<
      Permissions<ReportsPermission>
    >();
    expectTypeOf(useTypedChecks).toBeFunction();
  });
});
