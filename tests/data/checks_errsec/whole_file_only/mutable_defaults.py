def add_item(item, cart=[]):  # expect: PY-MUTABLE-DEFAULT
    cart.append(item)
    return cart


def merge(extra, base={}):  # expect: PY-MUTABLE-DEFAULT
    base.update(extra)


def counts(word, seen=set()):  # expect: PY-MUTABLE-DEFAULT
    if word in seen:
        return True
    seen.add(word)
    return False


def safe(items=None, opts={}):
    items = [] if items is None else items
    items.append(1)
    return opts.get("x")


def rebinding(acc=[]):
    acc = list(acc)
    acc.append(1)
    return acc


class Service:
    def __init__(self, handlers=[]):  # expect: PY-MUTABLE-DEFAULT
        self.handlers = handlers


def kw(*, cache={}):  # expect: PY-MUTABLE-DEFAULT
    cache["k"] = 1
