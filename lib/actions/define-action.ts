import type { z } from "zod";
import { invalid, parseForm, textValues, type ActionState } from "@/lib/action-state";
import { refusalFrom, requireAdmin, requireEditor, requireModerator, requireParticipant, requireSignedIn, requireWriter } from "@/lib/action-guards";
import type { CurrentUser } from "@/lib/current-user";

// Every server action is declared once, as data and two functions: who may call it, what its form must hold, which
// typed text a refused form keeps, which domain errors are refusals the user can act on, the work, and what follows
// it. The order is the same for all, so none can forget a step: the caller is re-read from the database (a guard),
// then the form is parsed (bad input stores nothing), then the work runs; a known refusal (or a rate limit) becomes
// the form's message and anything else is a real error. `after` runs once the work has succeeded, outside that
// handling, so Next's redirect() (which throws) passes through.

const GUARDS = {
  /** Signed in, even while suspended (appealing is what a suspended member has left). */
  signedIn: requireSignedIn,
  /** Signed in, not suspended. */
  participant: requireParticipant,
  /** A participant who has confirmed their email where email is configured: comments, votes, reports… */
  writer: requireWriter,
  moderator: requireModerator,
  editor: requireEditor,
  admin: requireAdmin,
} as const;

export type ActionGuard = keyof typeof GUARDS;
type ErrorClass = new (...args: never[]) => Error;

export type ActionSpec<S extends z.ZodType, R> = {
  guard: ActionGuard;
  schema: S;
  /** Text fields echoed back with a refusal, so the form keeps what was typed. */
  keep?: readonly string[];
  /**
   * Domain errors whose message is shown as the refusal (RateLimitedError always is); `[Error, "field"]` also
   * marks that field, so the message sits beside it.
   */
  refusals?: readonly (ErrorClass | readonly [ErrorClass, string])[];
  /** The form's fields as the schema reads them (default: one value per name); e.g. every value of a checkbox group. */
  fields?: (formData: FormData) => Record<string, unknown>;
  /** The work, on the parsed input, for the guarded caller (the form itself for what a schema cannot hold: a file). */
  run: (input: z.infer<S>, user: CurrentUser, formData: FormData) => Promise<R>;
  /** After the work: notifications, revalidation, then the answer (or a redirect). */
  after: (result: R, input: z.infer<S>, user: CurrentUser) => Promise<ActionState> | ActionState;
};

export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export function defineAction<S extends z.ZodType, R>(spec: ActionSpec<S, R>): FormAction {
  return async (_previous, formData) => {
    const values = spec.keep ? textValues(formData, [...spec.keep]) : undefined;
    const { user, refusal } = await GUARDS[spec.guard](values);
    if (refusal) return refusal;
    const parsed = spec.fields ? spec.schema.safeParse(spec.fields(formData)) : parseForm(spec.schema, formData);
    if (!parsed.success) return invalid(parsed.error, values);
    let result: R;
    try {
      result = await spec.run(parsed.data, user, formData);
    } catch (error) {
      const refusals = spec.refusals ?? [];
      const answer = refusalFrom(
        error,
        refusals.map((refusal) => (Array.isArray(refusal) ? refusal[0] : refusal) as ErrorClass),
        values,
      );
      const field = refusals.find((refusal): refusal is readonly [ErrorClass, string] => Array.isArray(refusal) && error instanceof refusal[0]);
      return field ? { ...answer, fieldErrors: { [field[1]]: [answer.message!] } } : answer;
    }
    return spec.after(result, parsed.data, user);
  };
}
