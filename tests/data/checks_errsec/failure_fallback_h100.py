import logging

log = logging.getLogger(__name__)


def available_balance(client, account_id):
    try:
        return client.balance(account_id)["available"]
    except ConnectionError as exc:  # expect: ANY-FAILURE-FALLBACK-VALUE
        log.error("balance for %s unavailable: %s", account_id, exc)
        return 0


def page_size(settings):
    try:
        return int(settings["page_size"])
    except (KeyError, ValueError):
        log.info("no page size set")
        return 0
