"use server";

import { defineAction } from "./define-action";
import { revalidatePath } from "next/cache";
import { AppealError, fileAppeal } from "@/lib/queries/appeals";
import { fileAppealSchema } from "@/lib/validations/appeal";

/** Appeals a moderation decision that fell on the caller. Open to a suspended member: appealing is what is left. */
export const fileAppealAction = defineAction({
  guard: "signedIn",
  schema: fileAppealSchema,
  keep: ["body"],
  refusals: [AppealError],
  run: (input, user) => fileAppeal({ appellant: user, ...input }),
  // The appeal shows under the member's comment or notice, and in the moderators' header count.
  after() {
    revalidatePath("/", "layout");
    return { ok: true, message: "Appeal sent. Another moderator will look at it." };
  },
});
