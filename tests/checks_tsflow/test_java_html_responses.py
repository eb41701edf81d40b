"""Java XSS through responses the servlet writer sinks do not cover: `sendError`'s message (the container
puts it in an HTML error page) and Spring bodies sent as `text/html` (`ResponseEntity.ok(x)`, a chain
with `contentType(MediaType.TEXT_HTML)`, a `@ResponseBody` String under `produces = "text/html"`). Each
flagged line has a safe twin: plain text, JSON, an encoded value or a constant."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding


def _xss(code: str) -> list[Finding]:
    outcome = run_checks([context_for_text("Handler.java", code)], categories=(Category.SECURITY,))
    assert not outcome.notices
    return [f for f in outcome.findings if f.rule_id == "JAVA-XSS"]


def _lines(code: str) -> list[int]:
    return sorted(f.line for f in _xss(code) if f.line is not None)


def _marked(code: str) -> list[int]:
    return [n for n, line in enumerate(code.splitlines(), start=1) if line.rstrip().endswith("// <-")]


SERVLET = """\
public class Errors extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String page = request.getParameter("page");
    response.sendError(404, "No such page: " + page); // <-
    response.sendError(404, "No such page");
    response.sendError(400, Encode.forHtml(page));
    response.sendError(Integer.parseInt(page));
  }
}
"""


def test_request_text_in_a_send_error_message_is_reported() -> None:
    assert _lines(SERVLET) == _marked(SERVLET) == [4]
    [finding] = _xss(SERVLET)
    assert 'request.getParameter("page")' in finding.body and "HTML error page" in finding.body


SPRING = """\
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
public class Greeting {
  @GetMapping(value = "/hello", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> hello(@RequestParam String name) {
    return ResponseEntity.ok("<h1>Hello " + name + "</h1>"); // <-
  }

  @GetMapping("/plain")
  public ResponseEntity<String> plain(@RequestParam String name) {
    return ResponseEntity.ok("Hello " + name);
  }

  @GetMapping("/chain")
  public ResponseEntity<String> chain(@RequestParam String name) {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("<p>" + name + "</p>"); // <-
  }

  @GetMapping(value = "/json", produces = "text/html")
  public ResponseEntity<String> json(@RequestParam String name) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(name);
  }

  @GetMapping(value = "/str", produces = "text/html")
  public String str(@RequestParam String name) {
    return "<p>" + name + "</p>"; // <-
  }

  @GetMapping(value = "/escaped", produces = "text/html")
  public String escaped(@RequestParam String name) {
    return "<p>" + HtmlUtils.htmlEscape(name) + "</p>";
  }

  @GetMapping(value = "/fixed", produces = "text/html")
  public ResponseEntity<String> fixed(@RequestParam String name) {
    return ResponseEntity.ok("<p>Hello</p>");
  }
}
"""


def test_spring_bodies_sent_as_html_are_reported() -> None:
    assert _lines(SPRING) == _marked(SPRING) == [9, 19, 29]


def test_a_view_name_returned_by_a_plain_controller_is_not_a_body() -> None:
    code = SPRING.replace("@RestController", "@Controller")
    assert _lines(code) == [9, 19]


def test_a_response_body_method_of_a_plain_controller_is_a_body() -> None:
    code = SPRING.replace("@RestController", "@Controller").replace(
        '  @GetMapping(value = "/str", produces = "text/html")\n',
        '  @ResponseBody\n  @GetMapping(value = "/str", produces = "text/html")\n')
    assert _lines(code) == [9, 19, 30]
