"""Error handlers that idiomatic, mature code writes on purpose, which the error-handling checks leave
alone, next to the swallowing look-alikes they still report (each pair differs in the one thing the check
now reads)."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category


def _lines(path: str, code: str, check: str) -> list[int]:
    outcome = run_checks([context_for_text(path, code)], categories=(Category.ERROR_HANDLING,), enabled={check})
    return sorted(f.line for f in outcome.findings if f.rule_id == check and f.line is not None)


def _java(body: str, before: str = "", after: str = "") -> str:
    return (
        "class Jobs {\n"
        "    Object run(Item item) {\n"
        f"{before}"
        "        try {\n"
        "            value = item.call();\n"
        "        } catch (Exception e) {\n"
        f"{body}"
        "        }\n"
        f"{after}"
        "        return value;\n"
        "    }\n"
        "}\n"
    )


@pytest.mark.parametrize(
    "body",
    [
        "            e.printStackTrace();\n",
        '            log.info("call failed for {}", item.getId());\n',
        '            log.warn("call failed: " + e.getMessage());\n',
        "            e.printStackTrace();\n            return null;\n",
        '            log.warn("failed");\n            return Result.ok("done");\n',
        '            log.info("call failed", e);\n',  # the trace at info level: a logger's call, not a hand-off
        '            log.warn("no value");\n            return "";\n',  # an empty value that looks like one
    ],
)
def test_java_broad_catch_still_reports_a_swallow(body: str) -> None:
    assert _lines("src/Jobs.java", _java(body), "JAVA-BROAD-CATCH") == [5]


@pytest.mark.parametrize(
    "body",
    [
        "            errors.add(e);\n",  # the exception itself handed on
        '            return Result.error("call failed");\n',  # an error result
        "            XxlJobHelper.handleFail();\n",  # a call named for the failure
        "            result.setSuccess(false);\n",
        '            log.warn("no port: " + e.getMessage());\n            value = 0;\n',  # a default
        "            failedCount++;\n",  # the failure counted
        "            // the cache is optional: the value is read from the database below\n",
    ],
)
def test_java_broad_catch_accepts_a_deliberate_handler(body: str) -> None:
    assert _lines("src/Jobs.java", _java(body), "JAVA-BROAD-CATCH") == []


def test_java_broad_catch_in_a_loop_that_logs_and_moves_on() -> None:
    code = (
        "class Sync {\n"
        "    void all(List<Flow> flows) {\n"
        "        for (Flow flow : flows) {\n"
        "            try {\n"
        "                convert(flow);\n"
        "            } catch (Exception e) {\n"
        '                log.error("flow {} failed: {}", flow.getName(), e.getMessage());\n'
        "            }\n"
        "        }\n"
        "        try {\n"
        "            publish(flows);\n"
        "        } catch (Exception e) {\n"
        '            log.error("publish failed: {}", e.getMessage());\n'
        "        }\n"
        "    }\n"
        "}\n"
    )
    assert _lines("src/Sync.java", code, "JAVA-BROAD-CATCH") == [12]


def test_java_empty_catch_with_a_reason_in_words() -> None:
    explained = _java("            // not every template has a font: the default one is used below\n")
    commented_out = _java("            //e.printStackTrace();\n")
    todo = _java("            // TODO: handle exception\n")
    assert _lines("src/Jobs.java", explained, "JAVA-EMPTY-CATCH") == []
    assert _lines("src/Jobs.java", commented_out, "JAVA-EMPTY-CATCH") == [5]
    assert _lines("src/Jobs.java", todo, "JAVA-EMPTY-CATCH") == [5]


def test_js_empty_catch_binding_named_unused() -> None:
    code = (
        "function a() {\n  try { start(); } catch (_) {}\n}\n"
        "function b() {\n  try { start(); } catch (_err) {}\n}\n"
        "function c() {\n  try { start(); } catch (e) {}\n}\n"
    )
    assert _lines("server/a.js", code, "JS-EMPTY-CATCH") == [8]


def _py(handler: str) -> str:
    return (
        "def run(item):\n"
        "    try:\n"
        "        value = item.call()\n"
        "    except Exception as e:\n"
        f"{handler}"
        "    return value\n"
    )


@pytest.mark.parametrize(
    "handler",
    [
        '        logger.warning("call failed: %s", e)\n',
        '        logger.info("call failed")\n        return None\n',
        '        logger.error("call failed: %s", e)\n        return {"status": "ok"}\n',
        "        print(e)\n",
        "        return False\n",
        '        logger.warning("no DPI for %s: %s", item, e)\n        return None\n',
        '        logger.error("payment failed: %s", e)\n        payment.mark_failed()\n',
    ],
)
def test_py_broad_except_still_reports_a_swallow(handler: str) -> None:
    assert _lines("app/jobs.py", _py(handler), "PY-BROAD-EXCEPT") == [4]


@pytest.mark.parametrize(
    "handler",
    [
        '        print("Failed: %s" % e)\n        exit(1)\n',  # the process stops with a failure
        "        error = str(e)\n        value = None\n",  # the error handed on as a value
        '        return {"error": {"code": 2, "message": "Error retrieving schema"}}\n',
        "        errors += 1\n",
        '        self.counter["error"] += 1\n',
        "        for part in item.parts:\n            part.save()\n",  # another path: one by one
        "        value = fallback_parse(item)\n",
    ],
)
def test_py_broad_except_accepts_a_handler_that_answers(handler: str) -> None:
    assert _lines("app/jobs.py", _py(handler), "PY-BROAD-EXCEPT") == []


def test_py_except_pass_with_a_reason_or_inside_an_error_path() -> None:
    code = (
        "def copy(source, target):\n"
        "    try:\n"
        "        copy_stats(source, target)\n"
        "    except Exception:\n"
        "        # the stats are a nicety: the copy itself already succeeded\n"
        "        pass\n"
        "\n"
        "def query(url):\n"
        "    try:\n"
        "        return fetch(url)\n"
        "    except Exception as error:\n"
        "        try:\n"
        "            detail = error.response.text\n"
        "        except Exception:\n"
        "            pass\n"
        "        return None, str(error)\n"
        "\n"
        "def notify(order):\n"
        "    try:\n"
        "        send(order)\n"
        "    except Exception:  # pragma: no cover\n"
        "        pass\n"
    )
    assert _lines("app/jobs.py", code, "PY-EXCEPT-PASS") == [21]


def test_ruby_rescue_that_gives_an_expression_its_default() -> None:
    code = (
        "class Agent\n"
        "  def headers\n"
        "    headers = begin\n"
        "      Headers.from(payload[:headers])\n"
        "    rescue StandardError\n"
        "      {}\n"
        "    end\n"
        "  end\n"
        "\n"
        "  def starting_at\n"
        "    if options[:starting_at].present?\n"
        "      begin\n"
        "        Time.parse(options[:starting_at])\n"
        "      rescue StandardError\n"
        "      end\n"
        "    end || created_at\n"
        "  end\n"
        "\n"
        "  def receive(payload)\n"
        "    begin\n"
        "      payload = JSON.parse(payload)\n"
        "    rescue StandardError\n"
        "    end\n"
        "    create_event(payload)\n"
        "  end\n"
        "\n"
        "  def interpolate\n"
        "    interpolated\n"
        "  rescue StandardError\n"
        "    # without an incoming event the options may not interpolate, which is fine here\n"
        "  end\n"
        "\n"
        "  def sync\n"
        "    CrmClient.new.push(payload)\n"
        "  rescue StandardError\n"
        "  end\n"
        "\n"
        "  def fetch_headers\n"
        "    headers = begin\n"
        "      HTTP.get(url).headers\n"
        "    rescue StandardError\n"
        "      {}\n"
        "    end\n"
        "  end\n"
        "end\n"
    )
    assert _lines("app/models/agent.rb", code, "RB-RESCUE-SWALLOW") == [35, 41]


def test_js_promise_returned_by_an_arrow_is_not_dropped() -> None:
    code = (
        "async function purge(tid) {\n"
        "  await Promise.all([\n"
        "    queue.get(tid).then(items =>\n"
        "      Promise.all(items.map(item => queue.remove(item.id)))),\n"
        "  ]);\n"
        "  connection.connect().then((client) => {\n"
        "    subscribe(client);\n"
        "  });\n"
        "}\n"
    )
    assert _lines("server/purge.js", code, "JS-PROMISE-UNHANDLED") == [6]


def test_js_callback_error_argument_of_then_and_error_listeners() -> None:
    code = (
        "fs.stat(dir).then(async (err) => {\n  list(dir);\n});\n"
        "request.on('error', function (err) {\n  process.exit(1);\n});\n"
        "stream.on('error', function (err) {});\n"
        "fs.readFile(path, function (err, data) {\n  use(data);\n});\n"
    )
    assert _lines("server/files.js", code, "JS-CALLBACK-ERR-IGNORED") == [7, 8]


def test_retry_words_inside_other_words_are_not_retry_loops() -> None:
    code = (
        "function check(got, want) {\n"
        "  for (const [key, val] of Object.entries(want)) {\n"
        "    try { compare(got[key], val); } catch (err) { warn(key); }\n"
        "  }\n"
        "  for (let tries = 0; tries < 3; tries++) {\n"
        "    try { return send(); } catch (err) { warn(err); }\n"
        "  }\n"
        "}\n"
    )
    assert _lines("server/check.js", code, "ANY-RETRY-NO-BACKOFF") == [5]


def test_a_one_word_comment_is_a_label_not_a_reason() -> None:
    labelled = _java("            // Commented\n")
    assert _lines("src/Jobs.java", labelled, "JAVA-EMPTY-CATCH") == [5]


def test_java_broad_catch_that_hands_the_message_to_a_result() -> None:
    handed = _java('            history.append("callback failed: " + e.getMessage());\n')
    assert _lines("src/Jobs.java", handed, "JAVA-BROAD-CATCH") == []


def test_py_retry_loop_that_prints_and_counts_the_attempt() -> None:
    looped = (
        "def wait(client, retries):\n"
        "    attempt = 0\n"
        "    while attempt < retries:\n"
        "        try:\n"
        "            client.ping()\n"
        "            break\n"
        "        except Exception as e:\n"
        '            click.echo(f"ping failed: {e}")\n'
        "            time.sleep(1)\n"
        "            attempt += 1\n"
        "\n"
        "def once(client):\n"
        "    try:\n"
        "        client.ping()\n"
        "    except Exception as e:\n"
        '        click.echo(f"ping failed: {e}")\n'
    )
    assert _lines("app/wait.py", looped, "PY-BROAD-EXCEPT") == [15]


def test_py_pass_in_a_try_whose_own_body_raises_is_still_a_swallow() -> None:
    code = (
        "def run():\n"
        "    try:\n"
        "        start()\n"
        "    except Exception as e:\n"
        "        try:\n"
        "            raise e\n"
        "        except BaseException:\n"
        "            pass\n"
    )
    assert _lines("app/run.py", code, "PY-EXCEPT-PASS") == [7]


def test_ruby_rescue_of_a_cleanup_inside_ensure() -> None:
    code = (
        "class Probe\n"
        "  def writable?(dir)\n"
        "    File.write(File.join(dir, 'probe'), 'x')\n"
        "    true\n"
        "  ensure\n"
        "    begin\n"
        "      File.unlink(File.join(dir, 'probe'))\n"
        "    rescue StandardError\n"
        "      nil\n"
        "    end\n"
        "  end\n"
        "\n"
        "  def remove(dir)\n"
        "    begin\n"
        "      File.unlink(File.join(dir, 'probe'))\n"
        "    rescue StandardError\n"
        "      nil\n"
        "    end\n"
        "  end\n"
        "end\n"
    )
    assert _lines("lib/probe.rb", code, "RB-RESCUE-SWALLOW") == [16]


def test_apache_default_client_whose_requests_carry_a_timeout_config() -> None:
    code = (
        "class Wechat {\n"
        "    String detail(String url) throws IOException {\n"
        "        CloseableHttpClient client = HttpClients.createDefault();\n"
        "        HttpPost post = new HttpPost(url);\n"
        "        RequestConfig config = RequestConfig.custom()\n"
        "            .setConnectTimeout(10000).setSocketTimeout(10000).build();\n"
        "        post.setConfig(config);\n"
        "        return EntityUtils.toString(client.execute(post).getEntity());\n"
        "    }\n"
        "\n"
        "    String plain(String url) throws IOException {\n"
        "        CloseableHttpClient client = HttpClients.createDefault();\n"
        "        return EntityUtils.toString(client.execute(new HttpGet(url)).getEntity());\n"
        "    }\n"
        "}\n"
    )
    assert _lines("src/Wechat.java", code, "JAVA-HTTP-NO-TIMEOUT") == [12]


def _typed_pass(exception: str, comment: str = "") -> str:
    return (
        "async def refund(order):\n"
        "    try:\n"
        "        await gateway.refund(order.charge_id, order.total)\n"
        f"{comment}"
        f"    except {exception}:\n"
        "        pass\n"
        "    order.status = 'refunded'\n"
    )


@pytest.mark.parametrize("exception", ["GatewayError", "stripe.PaymentError", "(ConnectionError, KeyError)",
                                       "smtplib.SMTPException"])
def test_a_typed_failure_of_another_system_passed_over_is_reported(exception: str) -> None:
    assert _lines("app/refunds.py", _typed_pass(exception), "PY-EXCEPT-PASS") == [4]


@pytest.mark.parametrize("exception", ["IntegrityError", "KeyError", "FileNotFoundError", "HTTPException",
                                       "OperationalError", "ValidationError", "TimeoutError"])
def test_a_typed_exception_that_often_means_absent_or_no_is_left_alone(exception: str) -> None:
    assert _lines("app/refunds.py", _typed_pass(exception), "PY-EXCEPT-PASS") == []


def test_a_typed_failure_explained_just_above_its_except_is_left_alone() -> None:
    comment = "    # the gateway retries refunds itself; a lost connection here is picked up by its webhook\n"
    assert _lines("app/refunds.py", _typed_pass("GatewayError", comment), "PY-EXCEPT-PASS") == []


def test_an_empty_catch_around_cleanup_alone_is_deliberate() -> None:
    """Letting go of a page, a socket or a temporary file that is being dropped anyway: a failure leaves
    nothing to do. A catch around work, or around cleanup mixed with work, still swallows a failure."""
    code = (
        "async function scrape(page, tmp, timer) {\n"
        "  try { await page.close(); } catch {}\n"
        "  try {\n    fs.unlinkSync(tmp);\n    clearTimeout(timer);\n  } catch (e) {}\n"
        "  try { await page.goto(url); } catch {}\n"
        "  try { await page.close(); await saveRun(run); } catch (e) {}\n"
        "}\n"
    )
    assert _lines("server/scrape.js", code, "JS-EMPTY-CATCH") == [7, 8]


def test_py_handler_around_cleanup_alone_is_deliberate() -> None:
    """Closing a socket being dropped, removing a temporary file: nothing to do when that fails. A handler
    around a write, or around cleanup mixed with work, still drops a failure."""
    code = (
        "async def drop_clients(sockets, tmp, row):\n"
        "    for ws in sockets:\n"
        "        try:\n            await ws.close(code=1012)\n        except Exception:\n            pass\n"
        "    try:\n        os.remove(tmp)\n        channel.unsubscribe()\n    except Exception as e:\n"
        "        logger.warning('cleanup failed: %s', e)\n"
        "    try:\n        row.delete()\n    except Exception:\n        pass\n"
        "    try:\n        ws.close()\n        save(row)\n    except Exception as e:\n"
        "        logger.warning('save failed: %s', e)\n"
    )
    assert _lines("app/clients.py", code, "PY-EXCEPT-PASS") == [14]
    assert _lines("app/clients.py", code, "PY-BROAD-EXCEPT") == [19]


def test_an_empty_catch_around_a_release_or_a_response_end_still_swallows() -> None:
    """Handing a lock back or finishing a response is part of the work: a failure there matters."""
    code = (
        "async function finish(lock, res, body) {\n"
        "  try { await lock.release(); } catch {}\n"
        "  try { res.end(body); } catch (e) {}\n"
        "}\n"
    )
    assert _lines("server/finish.js", code, "JS-EMPTY-CATCH") == [2, 3]
