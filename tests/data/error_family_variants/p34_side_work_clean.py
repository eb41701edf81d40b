# clean: ANY-FAILURE-MARKED-DONE
def complete_order(order):
    try:
        analytics.track("order_paid", order_id=order.id)
    except Exception:
        logger.exception("analytics failed for %s", order.id)
    order.status = "paid"
    order.save()
