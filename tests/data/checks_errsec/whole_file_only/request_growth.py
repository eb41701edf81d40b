from functools import lru_cache

from flask import Flask, request

app = Flask(__name__)
_tokens_by_user = {}
_handlers = {}


def handler(name):
    def wrap(func):
        _handlers[name] = func
        return func
    return wrap


class RateService:
    def __init__(self, session):
        self.session = session

    @lru_cache(maxsize=None)  # expect: PY-CACHED-METHOD
    def rate_for(self, currency):
        return self.session.get_rate(currency)


@lru_cache(maxsize=256)
def parse_currency(code):
    return code.upper()


@app.post("/tokens")
def issue_token():
    user = request.args.get("user", "anonymous")
    token = make_token(user)
    _tokens_by_user[user] = token  # expect: PY-MODULE-CACHE-UNBOUNDED
    return {"token": token}
