// Kept only for livestreams/routes.ts, which another branch is rewriting: once it imports
// AD_HOC_SEEKER from '../matcher.ts', delete this file (routes live in routes/<resource>/index.ts).
export { AD_HOC_SEEKER } from '../matcher.ts';
