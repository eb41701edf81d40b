# clean: PY-EXCEPT-LOGGED-CONTINUES
import logging

logger = logging.getLogger(__name__)


def load_plan(client, account_id):
    try:
        plan = client.get_plan(account_id)
    except Exception:
        logger.warning("could not load plan for %s, using free tier", account_id)
        plan = FREE_PLAN
    return plan.tier
