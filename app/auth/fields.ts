// Input fields of the sign-in pages, with the messages a person sees next to them.
import { z } from "zod";

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter an email address like name@example.com."));

/** An authenticator code or a recovery code, as typed (spaces and dashes allowed). */
export const factorCodeField = z
  .string({ error: "Enter the code." })
  .trim()
  .min(1, "Enter the code.")
  .max(40, "That code is too long.");
