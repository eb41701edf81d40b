# want: PY-EXCEPT-PASS
def send_receipt(mailer, order):
    try:
        mailer.send(order.email, render_receipt(order))
    except Exception:
        pass
    order.receipt_sent = True
    order.save()
