"""Fixture for persona-review error-handling checks. `# expect: ID` marks the line a finding must land on."""
import logging
import subprocess

import requests
import httpx

log = logging.getLogger(__name__)


def bare():
    try:
        work()
    except:  # expect: PY-BARE-EXCEPT
        cleanup()


def bare_reraised():
    try:
        work()
    except:
        cleanup()
        raise


def swallowed(items):
    for item in items:
        try:
            handle(item)
        except Exception:  # expect: PY-EXCEPT-PASS
            continue


def specific_pass():
    try:
        import ujson  # noqa
    except ImportError:
        pass


def blind():
    try:
        return charge()
    except Exception as exc:  # expect: PY-BROAD-EXCEPT
        log.error("charge failed: %s", exc)
        return None


def blind_but_logged():
    try:
        return charge()
    except Exception:
        log.exception("charge failed")
        return None


def finally_return():
    try:
        return compute()
    finally:
        return 0  # expect: PY-FINALLY-EXIT


def finally_nested_loop():
    try:
        compute()
    finally:
        for handle in handles:
            if handle.closed:
                break
            handle.close()


def http_calls(url):
    requests.get(url)  # expect: PY-HTTP-NO-TIMEOUT
    requests.post(url, json={}, timeout=5)
    httpx.get(url)
    httpx.get(url, timeout=None)  # expect: PY-HTTP-NO-TIMEOUT
    requests.get(
        url,
        headers={"a": "b"},
        timeout=(3, 10),
    )


def run_tools(path):
    subprocess.call(["rsync", path, "/backup"])  # expect: PY-SUBPROCESS-UNCHECKED
    subprocess.run(["rsync", path, "/backup"], check=True)
    status = subprocess.call(["rsync", path, "/backup"])
    return status


def serve(app):
    app.run(host="0.0.0.0", debug=True)  # expect: PY-FLASK-DEBUG-RUN
    runner.run(debug=True)
    app.run(debug=False)


def api_view(request):
    try:
        return process(request)
    except ValueError as err:
        return jsonify({"error": str(err)}), 500  # expect: PY-EXCEPTION-LEAK


def api_view_safe(request):
    try:
        return process(request)
    except ValueError as err:
        log.warning("bad request: %s", err)
        return jsonify({"error": "invalid request"}), 400


def fetch_with_retry(url):
    for attempt in range(5):  # expect: ANY-RETRY-NO-BACKOFF
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            continue
    raise RuntimeError("gave up")


def fetch_with_backoff(url):
    for attempt in range(5):
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            time.sleep(2**attempt)
    raise RuntimeError("gave up")


async def listen_forever(ws_url):
    while True:
        try:
            async with connect(ws_url) as ws:
                await consume(ws)
        except Exception as exc:
            logger.warning(f"stream closed: {exc}; reconnecting")
            await asyncio.sleep(5)


def error_detail(resp):
    try:
        detail = resp.json()["message"]
    except Exception:
        detail = resp.text
    return detail


def pay_once(invoice):
    try:
        result = gateway.pay(invoice)
    except Exception as exc:  # expect: PY-BROAD-EXCEPT
        logger.error(f"payment failed: {exc}")
        return {"ok": False}
    return result


def settle_all(batch):
    for payment in batch:
        try:
            payment.settle()
        except Exception as exc:  # expect: PY-BROAD-EXCEPT
            logger.error("settle failed: %s", exc)
            payment.mark_failed()


async def stream_events(client):
    while True:
        try:
            async for line in client.lines():
                yield line
        except Exception as exc:
            logger.error(
                "lost the event stream: "
                f"'{exc}', retrying in 5 seconds"
            )
            await asyncio.sleep(5)


def call_sidecar(client, path):
    try:
        return client.get(path).json()
    except (httpx.RequestError, ValueError) as exc:
        message = None
        try:
            message = exc.response.json()["error"]
        except Exception as parse_exc:
            logger.error(f"could not read the error body: {parse_exc}")
        raise SidecarError(message or str(exc)) from exc


@app.route("/wallet/balance")
def wallet_balance():
    try:
        return {"balance": ledger.balance()}
    except LedgerError as err:
        return {"error": str(err)}, 502  # expect: PY-EXCEPTION-LEAK


def warn_about_old_names(template_source):
    try:
        parsed = template_engine.parse(template_source)
    except Exception:  # pylint: disable=broad-exception-caught
        # A template that does not parse is reported when it is rendered; the warning is optional.
        return
    warn_names(parsed)


def cleanup_tmp(path):
    try:
        os.remove(path)
    except Exception:  # noqa: BLE001 - a leftover temp file is harmless
        pass


def cache_keys():
    return sorted(cache.keys())
