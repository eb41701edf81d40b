"""The HTTP server the fakes run on: a client that hung up (a timeout the test set on purpose, a stalled
answer) is not an error worth printing. socketserver would print its traceback to stderr from the
server's thread, where it lands in whichever test happens to be capturing stderr at that moment."""

from __future__ import annotations

import sys
from http.server import ThreadingHTTPServer
from typing import Any


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away before the answer was written
        super().handle_error(request, client_address)
