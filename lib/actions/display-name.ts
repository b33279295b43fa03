"use server";

import { defineAction } from "./define-action";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { displayNameSchema, NameTakenError } from "@/lib/display-name";
import { changeDisplayName } from "@/lib/queries/display-names";
import { enforceRateLimits } from "@/lib/rate-limit";

const changeNameSchema = z.object({ name: displayNameSchema });

/** A member changes their own display name: the sign-up rules, a unique key, three changes a day. */
export const changeDisplayNameAction = defineAction({
  guard: "participant",
  schema: changeNameSchema,
  keep: ["name"],
  refusals: [[NameTakenError, "name"]],
  async run(input, user) {
    await enforceRateLimits([{ limit: "name:user", key: user.id }]);
    return changeDisplayName({ userId: user.id, name: input.name });
  },
  after({ changed }, input) {
    if (!changed) return { ok: true, message: "That is already your display name.", values: { name: input.name } };
    // The name shows beside every comment of theirs and in their header: site-wide.
    revalidatePath("/", "layout");
    return { ok: true, message: `Your display name is now “${input.name}”.`, values: { name: input.name } };
  },
});
