// Types for `import … from 'auth0-permissions'` before dist/ is built (a fresh clone runs the
// typecheck first). Once dist/index.d.ts exists, TypeScript resolves the package itself and this
// declaration is not used. Vite resolves the import to src/index.ts (see demo/serve.js).
declare module 'auth0-permissions' {
  type Library = typeof import('../../src/index.js');
  export const bindDirectives: Library['bindDirectives'];
  export const createSpaPermissions: Library['createSpaPermissions'];
  export const diagnose: Library['diagnose'];
  export const inspectToken: Library['inspectToken'];
  export const permissionsFromClaims: Library['permissionsFromClaims'];
}
