import type { z } from "zod";
import type { PostedComment } from "@/lib/posted-comment";

/** What every form's server action answers: a message and per-field errors, and the values to keep in the form. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /** A comment posted from an open thread page with JavaScript, for the page to show in place (lib/posted-comment.ts). */
  posted?: PostedComment;
};

export const initialActionState: ActionState = { ok: true };

/**
 * A submitted form's fields. An action is a public endpoint: a hand-made request can pass any serializable value
 * where the FormData belongs, and that is a form with no fields (refused by the schema), not a crash.
 */
export function formFields(formData: FormData): Record<string, FormDataEntryValue> {
  return formData instanceof FormData ? Object.fromEntries(formData) : {};
}

/** Parses FormData with a zod schema; unknown fields are dropped by the schema. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData) {
  return schema.safeParse(formFields(formData));
}

export function invalid(error: z.ZodError, values?: Record<string, string>): ActionState {
  const { fieldErrors, formErrors } = error.flatten();
  const first = formErrors[0] ?? Object.values(fieldErrors as Record<string, string[] | undefined>).flat()[0];
  return { ok: false, message: first ?? "Check the form and try again.", fieldErrors, values };
}

export function failed(message: string, values?: Record<string, string>): ActionState {
  return { ok: false, message, values };
}

/** The text fields of a submitted form, echoed back so a refused form keeps what the user typed. */
export function textValues(formData: FormData, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  if (!(formData instanceof FormData)) return values;
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}
