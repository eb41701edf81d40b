# clean: PY-OPEN-REDIRECT (a next URL that is not a local path is replaced by the default unless its origin is the configured one)
from urllib.parse import urlparse

from tornado import web


class LoginHandler(web.RequestHandler):
    allowed_origin = "https://console.example.com"

    def _redirect_safe(self, url, default="/"):
        parsed = urlparse(url)
        if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
            allow = False
            if parsed.scheme or parsed.netloc:
                allow = f"{parsed.scheme}://{parsed.netloc}".lower() == self.allowed_origin
            if not allow:
                url = default
        self.redirect(url)

    def get(self):
        self._redirect_safe(self.get_argument("next", "/"))
