// Password rules the pages show as well as enforce (the enforcement is in password-policy.server.ts).
export const MIN_PASSWORD_LENGTH = 12;
