import * as Auth0Permissions from './index.js';

export default Auth0Permissions;
