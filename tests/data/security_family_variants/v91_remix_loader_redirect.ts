// want: JS-OPEN-REDIRECT
// path: app/routes/auth.callback.tsx
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { authenticator } from "~/services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticator.authenticate("github", request, { failureRedirect: "/login" });
  const url = new URL(request.url);
  const returnTo = url.searchParams.get("returnTo") || "/";
  return redirect(returnTo);
}
