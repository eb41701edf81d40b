"""Are the Ruby checks linear in file size? Times them on synthetic Rails files of growing size.

Three shapes, each at 1x, 2x, 4x and 8x a base size:
- `controller`: many actions with queries, redirects, rescues and log lines (the common case);
- `one-method`: one action whose body grows (the per-method view of locals must stay linear);
- `concat`: one SQL string built from a growing `+` chain and one long method chain (deep trees).

Prints, per shape, the time per kilobyte of source at each size as a ratio to the 1x time in the same
run, and the same ratio for the number of Python function calls the checks make (counted by cProfile, so
it does not depend on how busy the machine is): a linear check stays near 1.0; a quadratic one doubles
with each step. Also prints the Ruby checks'
time on the 8x controller as a ratio to the Python checks on a Python file of about as many lines.

    python bench/bench_ruby_checks.py [--base 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_ACTION = """\
  def action_{n}
    term = params[:q{n}]
    sort = params[:sort]
    sort = "name" unless SORTABLE.include?(sort)
    @rows = Item.where("title LIKE ?", "%#{{term}}%").order("#{{sort}} ASC")
    @rows = Item.where("owner = '#{{term}}'") if term.present?
    Rails.logger.info("listing {n} for #{{current_user.id}}")
    redirect_to item_path(@rows.first) if params[:first]
  rescue ActiveRecord::StatementInvalid => e
    Rails.logger.error(e.message)
    head :bad_request
  end

"""
_PY_ACTION = """\
def action_{n}(request, cursor):
    term = request.args.get("q{n}")
    sort = request.args.get("sort")
    if sort not in SORTABLE:
        sort = "name"
    cursor.execute("SELECT * FROM items WHERE title LIKE %s ORDER BY " + sort, (term,))
    cursor.execute(f"SELECT * FROM items WHERE owner = '{{term}}'")
    log.info("listing {n} for %s", request.user.id)
    try:
        return redirect(url_for("item", id=cursor.fetchone()[0]))
    except LookupError as exc:
        log.error("missing: %s", exc)
        return "", 400

"""


def controller(units: int) -> str:
    body = "".join(_ACTION.format(n=n) for n in range(units))
    return f"class ItemsController < ApplicationController\n  SORTABLE = %w[name price].freeze\n\n{body}end\n"


def one_method(units: int) -> str:
    lines = []
    for n in range(units * 6):
        lines.append(f"    v{n % 50} = params[:k{n}]\n")
        lines.append(f"    Item.where(\"a{n} = '#{{v{n % 50}}}'\")\n")
    return "class ItemsController < ApplicationController\n  def index\n" + "".join(lines) + "  end\nend\n"


def concat(units: int) -> str:
    terms = " + ".join(f'"c{n} = " + params[:p{n}]' for n in range(units * 3))
    chain = ".".join(f"where(a{n}: 1)" for n in range(units * 3))
    return (f"class ItemsController < ApplicationController\n  def index\n    sql = {terms}\n"
            f"    Item.find_by_sql(sql)\n    Item.{chain}.order(params[:s])\n  end\nend\n")


def calls(path: str, text: str) -> int:
    ctx = context_for_text(path, text)
    profile = cProfile.Profile()
    profile.enable()
    run_checks([ctx])
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def timed(path: str, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        ctx = context_for_text(path, text)  # a fresh context: nothing cached between runs
        start = time.perf_counter()
        run_checks([ctx])
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base", type=int, default=40, help="units (actions) at 1x")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_all()
    print(f"{'shape':<12} {'size':>5} {'kbytes':>7} {'ms':>9} {'time/kB vs 1x':>15} {'calls/kB vs 1x':>15}")
    path = "app/controllers/items_controller.rb"
    for name, build in (("controller", controller), ("one-method", one_method), ("concat", concat)):
        base_rate = base_calls = 0.0
        for factor in (1, 2, 4, 8):
            text = build(args.base * factor)
            kbytes = len(text) / 1000
            seconds = timed(path, text, args.repeat)
            rate = seconds / kbytes
            per_kb = calls(path, text) / kbytes
            base_rate = base_rate or rate
            base_calls = base_calls or per_kb
            print(f"{name:<12} {factor:>4}x {kbytes:>7.0f} {seconds * 1000:>9.1f} {rate / base_rate:>15.2f} "
                  f"{per_kb / base_calls:>15.2f}")
    ruby = controller(args.base * 8)
    python = "".join(_PY_ACTION.format(n=n) for n in range(args.base * 8))
    ruby_time = timed("app/controllers/items_controller.rb", ruby, args.repeat)
    python_time = timed("app/items.py", python, args.repeat)
    print(f"ruby checks / python checks on {ruby.count(chr(10))} vs {python.count(chr(10))} lines: "
          f"{ruby_time / python_time:.2f}")


if __name__ == "__main__":
    main()
