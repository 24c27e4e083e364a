// Outside Next.js (the custom server, CLI scripts) the `server-only` guard has nothing to guard: let it resolve
// to an empty module, as it does under Next's react-server condition.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
