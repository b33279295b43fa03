import { z } from "zod";

export const openNotificationSchema = z.object({
  notificationId: z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i),
});

/** An unchecked checkbox is absent from the form: absent means off. */
export const emailNotificationsSchema = z.object({
  emailNotifications: z.literal("on").optional(),
});
