# want: PY-EXCEPT-LOGGED-CONTINUES
import logging

logger = logging.getLogger(__name__)


def load_plan(client, account_id):
    try:
        plan = client.get_plan(account_id)
    except Exception:
        logger.warning("could not load plan for %s", account_id)
    return plan.tier
