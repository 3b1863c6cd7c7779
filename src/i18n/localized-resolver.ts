import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { contractMessage } from './i18n.ts';

/** Every `message` in react-hook-form's error tree, in the console's language. */
function localize(errors: FieldErrors): FieldErrors {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === 'message' && typeof value === 'string' ? contractMessage(value) : key === 'ref' ? value : visit(value),
      ]),
    );
  };
  return visit(errors) as FieldErrors;
}

/**
 * A form's resolver (zodResolver with the contract's schemas) with its messages in the console's language:
 * the schemas, shared with the service, give catalogue messages (`messageText`), said here in the active language.
 */
export function localized<Input extends FieldValues, Context, Output>(
  resolve: Resolver<Input, Context, Output>,
): Resolver<Input, Context, Output> {
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    return { ...result, errors: localize(result.errors) } as Awaited<ReturnType<Resolver<Input, Context, Output>>>;
  };
}
