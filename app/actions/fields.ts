// Input fields shared by several actions, with the messages a person sees next to the field.
import { z } from "zod";
import { ADMIN_ROLES } from "~db/schema";

export const accountIdField = z.uuid({ error: "Choose an account." });

export const reasonField = z
  .string({ error: "Say why you are doing this." })
  .trim()
  .min(3, "Say why you are doing this (a ticket number or a few words).")
  .max(1000, "Keep the reason under 1,000 characters.");

export const optionalReasonField = z
  .string()
  .trim()
  .max(1000, "Keep the reason under 1,000 characters.")
  .optional()
  .transform((value) => (value ? value : null));

export const roleField = z.enum(ADMIN_ROLES, { error: "Choose a role." });
