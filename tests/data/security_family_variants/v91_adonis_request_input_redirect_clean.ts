// clean: JS-OPEN-REDIRECT
import type { HttpContext } from "@adonisjs/core/http";
import User from "#models/user";

const LANDING_PAGES = new Set(["/dashboard", "/settings", "/billing"]);

export default class SessionController {
  async store({ request, response, auth }: HttpContext) {
    const { email, password } = request.only(["email", "password"]);
    const user = await User.verifyCredentials(email, password);
    await auth.use("web").login(user);
    const next = request.input("next", "/dashboard");
    return response.redirect(LANDING_PAGES.has(next) ? next : "/dashboard");
  }
}
