// clean: JS-OPEN-REDIRECT
// path: app/routes/login.tsx
import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { createUserSession, verifyLogin } from "~/session.server";

const DEFAULT_REDIRECT = "/dashboard";

function safeRedirect(to: FormDataEntryValue | null): string {
  if (!to || typeof to !== "string") return DEFAULT_REDIRECT;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return DEFAULT_REDIRECT;
  return to;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const user = await verifyLogin(String(form.get("email")), String(form.get("password")));
  if (!user) {
    return redirect("/login?error=1");
  }
  const redirectTo = safeRedirect(form.get("redirectTo"));
  return createUserSession({ request, userId: user.id, redirectTo });
}
