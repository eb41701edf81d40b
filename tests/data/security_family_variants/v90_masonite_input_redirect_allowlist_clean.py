# clean: PY-OPEN-REDIRECT
from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response

SAFE_PAGES = {"/home", "/billing", "/settings"}


class LoginController(Controller):
    def store(self, request: Request, response: Response):
        if not request.user():
            return response.redirect("/login")
        destination = request.input("next", "/home")
        if destination not in SAFE_PAGES:
            destination = "/home"
        return response.redirect(destination)
