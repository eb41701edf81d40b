"""Request data reaching a sink through a local or a same-file helper (h99): where the finding lands when
only the line that builds the value is added, and the shared pieces the family variants lean on."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff


def _rules_at(diff: str, rule: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == rule and f.line is not None)


def _rules_in(path: str, text: str, rule: str) -> list[int]:
    outcome = run_checks([context_for_text(path, text)])
    return sorted(f.line for f in outcome.findings if f.rule_id == rule and f.line is not None)


_RUBY_APPEND_ABOVE_OLD_CALL = '''diff --git a/app/controllers/reports_controller.rb b/app/controllers/reports_controller.rb
--- a/app/controllers/reports_controller.rb
+++ b/app/controllers/reports_controller.rb
@@ -1,6 +1,7 @@
 class ReportsController < ApplicationController
   def index
     sql = +"SELECT id, total FROM reports WHERE 1=1"
+    sql << " AND region = '#{params[:region]}'" if params[:region].present?
     rows = ActiveRecord::Base.connection.select_all(sql)
     render json: rows
   end
'''


def test_ruby_sql_built_on_an_added_line_above_an_old_query_is_reported_where_built() -> None:
    assert _rules_at(_RUBY_APPEND_ABOVE_OLD_CALL, "RB-SQL-INTERPOLATION") == [4]


_RUBY_PATH_ABOVE_OLD_SEND = '''diff --git a/app/controllers/exports_controller.rb b/app/controllers/exports_controller.rb
--- a/app/controllers/exports_controller.rb
+++ b/app/controllers/exports_controller.rb
@@ -1,6 +1,6 @@
 class ExportsController < ApplicationController
   def show
-    path = Rails.root.join("storage", "exports", "#{current_user.id}.csv")
+    path = File.join(EXPORT_DIR, params[:file])
     send_file path, type: "text/csv"
   end
 end
'''


def test_ruby_path_built_on_an_added_line_above_an_old_send_file_is_reported_where_built() -> None:
    assert _rules_at(_RUBY_PATH_ABOVE_OLD_SEND, "RB-FILE-PATH") == [3]


_JAVA_ARGV = '''package com.acme;

import io.javalin.http.Context;

public class Lookup {
    public void lookup(Context ctx) throws Exception {
        String host = ctx.queryParam("host");
        new ProcessBuilder("dig", "+short", host).start();
        new ProcessBuilder("sh", "-c", "dig +short " + host).start();
        Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "dig " + host});
        Runtime.getRuntime().exec(new String[] {"dig", "+short", host});
    }
}
'''


def test_java_argument_of_a_fixed_program_is_no_shell_injection_but_a_shell_script_is() -> None:
    assert _rules_in("src/main/java/com/acme/Lookup.java", _JAVA_ARGV, "JAVA-COMMAND-INJECTION") == [9, 10]


_PY_QUOTED = '''import shlex
import subprocess
from shlex import quote


def a(x):
    subprocess.run("ls " + shlex.quote(x), shell=True)


def b(x):
    cmd = "ls %s" % quote(x)
    cmd += " | wc -l"
    subprocess.run(cmd, shell=True)


def c(x):
    cmd = "ls " + x
    subprocess.run(cmd, shell=True)


def d(paths):
    subprocess.run("tar czf out.tgz " + " ".join(shlex.quote(p) for p in paths), shell=True)


def e(x):
    cmd = "ls " + shlex.quote(x)
    cmd = cmd + x
    subprocess.run(cmd, shell=True)
'''


def test_python_shell_text_of_quoted_words_only_is_quiet() -> None:
    assert _rules_in("app/tasks.py", _PY_QUOTED, "PY-SHELL-INJECTION") == [18, 28]


_TS_GUARDS = '''import { Router } from "express";
export const r = Router();
r.get("/go", (req, res) => {
  const next = String(req.query.next ?? "");
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\\\")) {
    return res.redirect("/");
  }
  res.redirect(next);
});
r.get("/away", (req, res) => {
  const next = String(req.query.next ?? "");
  if (next.includes("\\\\")) {
    return res.redirect("/");
  }
  res.redirect(next);
});
'''


def test_js_checks_joined_by_or_add_up() -> None:
    assert _rules_in("src/routes/go.ts", _TS_GUARDS, "JS-OPEN-REDIRECT") == [15]
