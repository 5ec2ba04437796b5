/**
 * Compile-time check that a response schema and the TypeScript type the server builds its answer with
 * describe the same JSON: `const _: Agrees<z.infer<typeof schema>, Type> = true` fails to compile when
 * either has a member the other lacks (optional ones included) or a member type the other does not accept.
 */
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Agrees<A, B> = Assignable<A, B> extends true ? Assignable<keyof A, keyof B> : false;
