import { z } from "zod";

export const openNotificationSchema = z.object({
  notificationId: z
    .string({ error: "Missing id." })
    .trim()
    .min(1, { error: "Missing id." })
    .max(64, { error: "Invalid id." })
    .regex(/^[a-z0-9]+$/i, { error: "Invalid id." }),
});

/** An unchecked checkbox is absent from the form: absent means off. */
export const emailNotificationsSchema = z.object({
  emailNotifications: z.literal("on", { error: "Tick the box, or leave it empty." }).optional(),
});

export const openNoticeSchema = z.object({
  noticeId: z
    .string({ error: "Missing id." })
    .trim()
    .min(1, { error: "Missing id." })
    .max(64, { error: "Invalid id." })
    .regex(/^[a-z0-9]+$/i, { error: "Invalid id." }),
});
